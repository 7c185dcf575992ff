/**
 * {@code qscc}, Fabric's ledger query system chaincode: chain info, blocks by number, hash or transaction ID, and
 * processed transactions of a joined channel. Private: the endorser reaches it only as a
 * {@link io.weft.api.scc.SystemChaincode} service named {@code qscc}.
 */
package io.weft.scc.qscc;
