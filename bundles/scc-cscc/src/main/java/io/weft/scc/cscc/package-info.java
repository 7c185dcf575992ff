/**
 * {@code cscc}, Fabric's configuration system chaincode: joining a channel from its genesis block, a channel's
 * configuration block and configuration, and the list of joined channels. Private: the endorser reaches it only as a
 * {@link io.weft.api.scc.SystemChaincode} service named {@code cscc}.
 */
package io.weft.scc.cscc;
