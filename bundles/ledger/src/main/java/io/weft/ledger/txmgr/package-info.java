/**
 * Fabric's transaction manager: query executors, transaction simulators producing Fabric's read-write sets, and
 * the application of valid transactions' write sets to a block's state updates.
 */
package io.weft.ledger.txmgr;
