package io.weft.msp;

import org.hyperledger.fabric.protos.common.MSPRole;

/**
 * NodeOU classification of an MSP: which OU marks clients, peers, admins and orderers, and whether
 * the classification is enforced. Absent roles are null.
 */
record NodeOUs(boolean enforced, OUIdentifier client, OUIdentifier peer, OUIdentifier admin, OUIdentifier orderer) {

    static final NodeOUs NONE = new NodeOUs(false, null, null, null, null);

    OUIdentifier forRole(MSPRole.MSPRoleType role) {
        return switch (role) {
            case CLIENT -> client;
            case PEER -> peer;
            case ADMIN -> admin;
            case ORDERER -> orderer;
            default -> null;
        };
    }
}
