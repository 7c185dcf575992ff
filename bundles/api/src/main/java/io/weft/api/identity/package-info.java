/** Identities the peer offers plugins: its own signing identity. */
@Export
@Version("0.1.0")
package io.weft.api.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
