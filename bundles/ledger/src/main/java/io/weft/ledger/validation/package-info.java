/**
 * Fabric's state validation of a block (kvledger's {@code ValidateAndPrepare}): MVCC and phantom-read checks of the
 * transactions' read sets against committed state as updated by the block's earlier valid transactions, the
 * block's update batch, and the commit hash stored in the block's COMMIT_HASH metadata.
 */
@Export
@Version("0.1.0")
package io.weft.ledger.validation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
