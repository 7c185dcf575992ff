/**
 * The peer's ledgers (Fabric's kvledger): the provider that owns {@code ledgersData} and its lock, the idStore, and
 * each channel's ledger committing blocks to the block store, state, history and private data.
 */
@Export
@Version("0.1.0")
package io.weft.ledger;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
