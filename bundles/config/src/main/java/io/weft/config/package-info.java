/** core.yaml as Fabric reads it, and its mapping to the peer's component configurations. */
@Export
@Version("0.2.0")
package io.weft.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
