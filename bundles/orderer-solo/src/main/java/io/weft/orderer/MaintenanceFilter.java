package io.weft.orderer;

import org.hyperledger.fabric.protos.orderer.ConsensusType;

import io.weft.channelconfig.OrdererConfig;

/**
 * Fabric's maintenance filter on config updates, for the consensus-type rules a solo orderer can meet: without the
 * migration capability neither the consensus type nor its state may change; with it, the type changes only inside
 * maintenance mode, never together with the state, and never to anything solo could hand over to.
 */
final class MaintenanceFilter {

    private MaintenanceFilter() {
    }

    static void inspect(OrdererConfig current, OrdererConfig next) throws RejectedMessageException {
        try {
            check(current, next);
        } catch (RejectedMessageException e) {
            throw e.withContext("config transaction inspection failed");
        }
    }

    private static void check(OrdererConfig current, OrdererConfig next) throws RejectedMessageException {
        String type = current.consensusType();
        String nextType = next.consensusType();
        ConsensusType.State state = current.consensusState();
        ConsensusType.State nextState = next.consensusState();
        if (!OrdererConfigs.consensusTypeMigration(current)) {
            if (nextState != ConsensusType.State.STATE_NORMAL) {
                throw RejectedMessageException.badRequest("next config attempted to change ConsensusType.State to "
                        + nextState + ", but capability is disabled");
            }
            if (!type.equals(nextType)) {
                throw RejectedMessageException.badRequest("next config attempted to change ConsensusType.Type from "
                        + type + " to " + nextType + ", but capability is disabled");
            }
            return;
        }
        if (state != nextState) {
            if (!type.equals(nextType)) {
                throw RejectedMessageException.badRequest("attempted to change ConsensusType.Type from " + type + " to "
                        + nextType + ", but ConsensusType.State is changing from " + state + " to " + nextState);
            }
            if (!current.consensusMetadata().equals(next.consensusMetadata())) {
                throw RejectedMessageException.badRequest("attempted to change ConsensusType.Metadata, but "
                        + "ConsensusType.State is changing from " + state + " to " + nextState);
            }
        }
        if (!type.equals(nextType)) {
            String change = "attempted to change consensus type from " + type + " to " + nextType;
            if (state == ConsensusType.State.STATE_NORMAL) {
                throw RejectedMessageException.badRequest(change
                        + ", but current config ConsensusType.State is not in maintenance mode");
            }
            if (nextState == ConsensusType.State.STATE_NORMAL) {
                throw RejectedMessageException.badRequest(change
                        + ", but next config ConsensusType.State is not in maintenance mode");
            }
            throw RejectedMessageException.badRequest(change + ", transition not supported");
        }
    }
}
