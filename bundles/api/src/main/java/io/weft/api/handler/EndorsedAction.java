package io.weft.api.handler;

import java.util.List;
import java.util.Objects;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.Endorsement;

/**
 * One endorsed chaincode action of a transaction, parsed once by the committer and handed to every validation
 * plugin that judges it.
 *
 * @param channelHeader the transaction's channel header
 * @param proposalResponsePayload the bytes every endorser signed (followed by its own identity)
 * @param endorsements the endorsements as carried, duplicates included
 * @param chaincodeAction the chaincode action inside the proposal response payload
 * @param rwSets the action's read-write set, per namespace, in the order the transaction lists them
 */
public record EndorsedAction(ChannelHeader channelHeader, ByteString proposalResponsePayload,
        List<Endorsement> endorsements, ChaincodeAction chaincodeAction, List<NsRwSet> rwSets) {

    public EndorsedAction {
        Objects.requireNonNull(channelHeader, "channelHeader");
        Objects.requireNonNull(proposalResponsePayload, "proposalResponsePayload");
        endorsements = List.copyOf(endorsements);
        Objects.requireNonNull(chaincodeAction, "chaincodeAction");
        rwSets = List.copyOf(rwSets);
    }
}
