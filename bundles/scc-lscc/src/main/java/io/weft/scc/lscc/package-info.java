/**
 * {@code lscc}, Fabric's legacy lifecycle system chaincode as Fabric 2.5 keeps it: the queries of chaincodes deployed
 * with the legacy lifecycle ({@code getid}, {@code getdepspec}, {@code getccdata}, {@code getchaincodes},
 * {@code getcollectionsconfig}), legacy installs of {@code ChaincodeDeploymentSpec} packages under
 * {@code <peer.fileSystemPath>/chaincodes} and their listing, and {@code deploy}/{@code upgrade}, which V2_0 channels
 * refuse as read-only. Private: the endorser reaches it only as a {@link io.weft.api.scc.SystemChaincode} service
 * named {@code lscc}.
 */
package io.weft.scc.lscc;
