package io.weft.acl;

import static io.weft.acl.Resources.*;

import java.util.HashMap;
import java.util.Map;

import io.weft.policies.PolicyManager;

/**
 * Fabric's default resource to policy map ({@code defaultACLProvider}): peer-level resources checked against
 * the local MSP ({@code Admins} or {@code Members}) and never overridable, and channel resources checked
 * against a channel policy unless the channel's {@code ACLs} value overrides them.
 */
public final class DefaultAcls {

    /** Local MSP admins (a peer-level policy name). */
    public static final String ADMINS = "Admins";
    /** Local MSP members (a peer-level policy name). */
    public static final String MEMBERS = "Members";

    static final Map<String, String> PEER;
    static final Map<String, String> CHANNEL;

    static {
        Map<String, String> p = new HashMap<>();
        for (String r : new String[] {LIFECYCLE_INSTALL_CHAINCODE, LIFECYCLE_QUERY_INSTALLED_CHAINCODE,
                LIFECYCLE_GET_INSTALLED_CHAINCODE_PACKAGE, LIFECYCLE_QUERY_INSTALLED_CHAINCODES,
                LIFECYCLE_APPROVE_CHAINCODE_DEFINITION_FOR_MY_ORG, LIFECYCLE_QUERY_APPROVED_CHAINCODE_DEFINITION,
                LIFECYCLE_QUERY_APPROVED_CHAINCODE_DEFINITIONS, SNAPSHOT_SUBMIT_REQUEST, SNAPSHOT_CANCEL_REQUEST,
                SNAPSHOT_LIST_PENDING, LSCC_INSTALL, LSCC_GET_INSTALLED_CHAINCODES, CSCC_JOIN_CHAIN,
                CSCC_JOIN_CHAIN_BY_SNAPSHOT, CSCC_JOIN_BY_SNAPSHOT_STATUS}) {
            p.put(r, ADMINS);
        }
        p.put(CSCC_GET_CHANNELS, MEMBERS);
        PEER = Map.copyOf(p);

        Map<String, String> c = new HashMap<>();
        String writers = PolicyManager.CHANNEL_APPLICATION_WRITERS;
        String readers = PolicyManager.CHANNEL_APPLICATION_READERS;
        for (String r : new String[] {LIFECYCLE_COMMIT_CHAINCODE_DEFINITION, LIFECYCLE_QUERY_CHAINCODE_DEFINITION,
                LIFECYCLE_QUERY_CHAINCODE_DEFINITIONS, LIFECYCLE_CHECK_COMMIT_READINESS, PEER_PROPOSE,
                PEER_CHAINCODE_TO_CHAINCODE}) {
            c.put(r, writers);
        }
        for (String r : new String[] {LSCC_CHAINCODE_EXISTS, LSCC_GET_DEPLOYMENT_SPEC, LSCC_GET_CHAINCODE_DATA,
                LSCC_GET_INSTANTIATED_CHAINCODES, LSCC_GET_COLLECTIONS_CONFIG, QSCC_GET_CHAIN_INFO,
                QSCC_GET_BLOCK_BY_NUMBER, QSCC_GET_BLOCK_BY_HASH, QSCC_GET_TRANSACTION_BY_ID, QSCC_GET_BLOCK_BY_TX_ID,
                CSCC_GET_CONFIG_BLOCK, CSCC_GET_CHANNEL_CONFIG, EVENT_BLOCK, EVENT_FILTERED_BLOCK,
                GATEWAY_COMMIT_STATUS, GATEWAY_CHAINCODE_EVENTS}) {
            c.put(r, readers);
        }
        // Covered by the proposal's own check: mapped to "" so they count as unmapped here, as in Fabric.
        c.put(LSCC_DEPLOY, "");
        c.put(LSCC_UPGRADE, "");
        CHANNEL = Map.copyOf(c);
    }

    private DefaultAcls() {
    }

    /** Whether the resource is peer-level (checked against the local MSP, never overridable). */
    public static boolean isPeerResource(String resource) {
        return PEER.containsKey(resource);
    }

    /** The default policy of a resource: a local name for peer resources, a channel path otherwise, or "". */
    public static String defaultPolicy(String resource) {
        String p = PEER.get(resource);
        return p != null ? p : CHANNEL.getOrDefault(resource, "");
    }
}
