/**
 * Fabric's config transaction validation ({@code common/configtx}): authorising a {@code ConfigUpdateEnvelope}
 * against the current config and its policies, and computing the next {@code Config}.
 */
@Export
@Version("0.1.0")
package io.weft.configtx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
