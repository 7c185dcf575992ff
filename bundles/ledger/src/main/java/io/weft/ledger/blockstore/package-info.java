/**
 * Fabric's block store: blocks in {@code blockfile_NNNNNN} files in Fabric's record format, the
 * block index and checkpoint in the storage SPI, and retrieval by number, hash and transaction id.
 */
@Export
@Version("0.1.0")
package io.weft.ledger.blockstore;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
