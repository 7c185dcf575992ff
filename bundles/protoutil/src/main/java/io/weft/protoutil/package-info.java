/**
 * Fabric's {@code protoutil}: the byte-exact derivations every component must agree on (transaction
 * ids, block header and data hashes, signed data of envelopes) and signed-envelope construction.
 */
@Export
@Version("0.2.0")
package io.weft.protoutil;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
