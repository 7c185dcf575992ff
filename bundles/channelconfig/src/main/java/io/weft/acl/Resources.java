package io.weft.acl;

/** Fabric's ACL resource names ({@code core/aclmgmt/resources}). */
public final class Resources {

    public static final String LIFECYCLE_INSTALL_CHAINCODE = "_lifecycle/InstallChaincode";
    public static final String LIFECYCLE_QUERY_INSTALLED_CHAINCODE = "_lifecycle/QueryInstalledChaincode";
    public static final String LIFECYCLE_GET_INSTALLED_CHAINCODE_PACKAGE = "_lifecycle/GetInstalledChaincodePackage";
    public static final String LIFECYCLE_QUERY_INSTALLED_CHAINCODES = "_lifecycle/QueryInstalledChaincodes";
    public static final String LIFECYCLE_APPROVE_CHAINCODE_DEFINITION_FOR_MY_ORG = "_lifecycle/ApproveChaincodeDefinitionForMyOrg";
    public static final String LIFECYCLE_QUERY_APPROVED_CHAINCODE_DEFINITION = "_lifecycle/QueryApprovedChaincodeDefinition";
    public static final String LIFECYCLE_QUERY_APPROVED_CHAINCODE_DEFINITIONS = "_lifecycle/QueryApprovedChaincodeDefinitions";
    public static final String LIFECYCLE_COMMIT_CHAINCODE_DEFINITION = "_lifecycle/CommitChaincodeDefinition";
    public static final String LIFECYCLE_QUERY_CHAINCODE_DEFINITION = "_lifecycle/QueryChaincodeDefinition";
    public static final String LIFECYCLE_QUERY_CHAINCODE_DEFINITIONS = "_lifecycle/QueryChaincodeDefinitions";
    public static final String LIFECYCLE_CHECK_COMMIT_READINESS = "_lifecycle/CheckCommitReadiness";

    public static final String SNAPSHOT_SUBMIT_REQUEST = "snapshot/submitrequest";
    public static final String SNAPSHOT_CANCEL_REQUEST = "snapshot/cancelrequest";
    public static final String SNAPSHOT_LIST_PENDING = "snapshot/listpending";

    public static final String LSCC_INSTALL = "lscc/Install";
    public static final String LSCC_DEPLOY = "lscc/Deploy";
    public static final String LSCC_UPGRADE = "lscc/Upgrade";
    public static final String LSCC_CHAINCODE_EXISTS = "lscc/ChaincodeExists";
    public static final String LSCC_GET_DEPLOYMENT_SPEC = "lscc/GetDeploymentSpec";
    public static final String LSCC_GET_CHAINCODE_DATA = "lscc/GetChaincodeData";
    public static final String LSCC_GET_INSTANTIATED_CHAINCODES = "lscc/GetInstantiatedChaincodes";
    public static final String LSCC_GET_INSTALLED_CHAINCODES = "lscc/GetInstalledChaincodes";
    public static final String LSCC_GET_COLLECTIONS_CONFIG = "lscc/GetCollectionsConfig";

    public static final String QSCC_GET_CHAIN_INFO = "qscc/GetChainInfo";
    public static final String QSCC_GET_BLOCK_BY_NUMBER = "qscc/GetBlockByNumber";
    public static final String QSCC_GET_BLOCK_BY_HASH = "qscc/GetBlockByHash";
    public static final String QSCC_GET_TRANSACTION_BY_ID = "qscc/GetTransactionByID";
    public static final String QSCC_GET_BLOCK_BY_TX_ID = "qscc/GetBlockByTxID";

    public static final String CSCC_JOIN_CHAIN = "cscc/JoinChain";
    public static final String CSCC_JOIN_CHAIN_BY_SNAPSHOT = "cscc/JoinChainBySnapshot";
    public static final String CSCC_JOIN_BY_SNAPSHOT_STATUS = "cscc/JoinBySnapshotStatus";
    public static final String CSCC_GET_CONFIG_BLOCK = "cscc/GetConfigBlock";
    public static final String CSCC_GET_CHANNEL_CONFIG = "cscc/GetChannelConfig";
    public static final String CSCC_GET_CHANNELS = "cscc/GetChannels";

    public static final String PEER_PROPOSE = "peer/Propose";
    public static final String PEER_CHAINCODE_TO_CHAINCODE = "peer/ChaincodeToChaincode";

    public static final String EVENT_BLOCK = "event/Block";
    public static final String EVENT_FILTERED_BLOCK = "event/FilteredBlock";

    public static final String GATEWAY_COMMIT_STATUS = "gateway/CommitStatus";
    public static final String GATEWAY_CHAINCODE_EVENTS = "gateway/ChaincodeEvents";

    private Resources() {
    }
}
