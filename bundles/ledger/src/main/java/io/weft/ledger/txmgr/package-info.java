/**
 * Fabric's transaction manager: query executors, transaction simulators producing Fabric's read-write sets, and
 * the application of valid transactions' write sets to a block's state updates.
 */
@Export
@Version("0.1.0")
package io.weft.ledger.txmgr;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
