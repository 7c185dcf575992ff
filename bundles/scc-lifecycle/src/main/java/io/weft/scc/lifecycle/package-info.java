/**
 * {@code _lifecycle}, Fabric 2.x's chaincode lifecycle system chaincode: installing chaincode packages, approving a
 * definition for the peer's organization (in its implicit collection), checking commit readiness, committing a
 * definition, and their queries, with Fabric's state layout, checks and messages. Private: the endorser reaches it
 * only as a {@link io.weft.api.scc.SystemChaincode} service named {@code _lifecycle}.
 */
package io.weft.scc.lifecycle;
