package io.weft.tools.protolator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;

/**
 * Message types by their protobuf names ({@code common.Block}, {@code protos.ProposalResponse}, ...), as
 * configtxlator's {@code --type} takes them: every message of Fabric's protos and what they import.
 */
public final class ProtoTypes {

    private static final List<FileDescriptor> ROOTS = List.of(
            org.hyperledger.fabric.protos.common.ConfigurationProto.getDescriptor(),
            org.hyperledger.fabric.protos.common.MSPPrincipalProto.getDescriptor(),
            org.hyperledger.fabric.protos.common.ConfigTxProto.getDescriptor(),
            org.hyperledger.fabric.protos.common.CommonProto.getDescriptor(),
            org.hyperledger.fabric.protos.common.LedgerProto.getDescriptor(),
            org.hyperledger.fabric.protos.common.PoliciesProto.getDescriptor(),
            org.hyperledger.fabric.protos.common.CollectionProto.getDescriptor(),
            org.hyperledger.fabric.protos.gossip.MessageProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.ChaincodeProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.ConfigurationProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.TransactionProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.ChaincodeShimProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.SignedCcDepSpecProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.ProposalProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.PolicyProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.ResourcesProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.CollectionProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.SnapshotProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.PeerProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.ProposalResponseProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.ChaincodeEventProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.EventsProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.QueryProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.lifecycle.DbProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.lifecycle.LifecycleProto.getDescriptor(),
            org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeDefinitionProto.getDescriptor(),
            org.hyperledger.fabric.protos.discovery.ProtocolProto.getDescriptor(),
            org.hyperledger.fabric.protos.ledger.queryresult.KVQueryResultProto.getDescriptor(),
            org.hyperledger.fabric.protos.ledger.rwset.RWSetProto.getDescriptor(),
            org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSetProto.getDescriptor(),
            org.hyperledger.fabric.protos.gateway.GatewayProto.getDescriptor(),
            org.hyperledger.fabric.protos.orderer.ConfigurationProto.getDescriptor(),
            org.hyperledger.fabric.protos.orderer.ClusterserverProto.getDescriptor(),
            org.hyperledger.fabric.protos.orderer.etcdraft.ConfigurationProto.getDescriptor(),
            org.hyperledger.fabric.protos.orderer.etcdraft.MetadataProto.getDescriptor(),
            org.hyperledger.fabric.protos.orderer.smartbft.ConfigurationProto.getDescriptor(),
            org.hyperledger.fabric.protos.orderer.ClusterProto.getDescriptor(),
            org.hyperledger.fabric.protos.orderer.AbProto.getDescriptor(),
            org.hyperledger.fabric.protos.transientstore.TransientstoreProto.getDescriptor(),
            org.hyperledger.fabric.protos.msp.MSPConfigProto.getDescriptor(),
            org.hyperledger.fabric.protos.msp.IdentitiesProto.getDescriptor());

    private static final Map<String, Descriptor> BY_NAME = index();

    private ProtoTypes() {
    }

    /** The message type with this fully qualified protobuf name. */
    public static Optional<Descriptor> find(String fullName) {
        return Optional.ofNullable(BY_NAME.get(fullName));
    }

    private static Map<String, Descriptor> index() {
        Map<String, Descriptor> byName = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Deque<FileDescriptor> todo = new ArrayDeque<>(ROOTS);
        while (!todo.isEmpty()) {
            FileDescriptor f = todo.pop();
            if (!seen.add(f.getName())) {
                continue;
            }
            f.getMessageTypes().forEach(d -> add(d, byName));
            todo.addAll(f.getDependencies());
        }
        return Map.copyOf(byName);
    }

    private static void add(Descriptor d, Map<String, Descriptor> byName) {
        if (d.getOptions().getMapEntry()) {
            return;
        }
        byName.put(d.getFullName(), d);
        d.getNestedTypes().forEach(n -> add(n, byName));
    }
}
