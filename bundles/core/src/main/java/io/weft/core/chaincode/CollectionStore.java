package io.weft.core.chaincode;

import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.channelconfig.ChannelConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.txmgr.CollectionConfigSource;
import io.weft.lifecycle.ChaincodeCollections;
import io.weft.lifecycle.LifecycleStateException;
import io.weft.lifecycle.StateReader;
import io.weft.policies.CompiledSignaturePolicy;
import io.weft.policies.Policy;
import io.weft.policies.PolicyException;
import io.weft.protoutil.SignedData;

/**
 * Fabric's {@code SimpleCollectionStore} as the chaincode handler uses it: the read and write permission of a
 * proposal's creator on a collection ({@code MemberOnlyRead}/{@code MemberOnlyWrite} against the collection's
 * member policy), and the collections of a chaincode for the ledger's collection-name checks. Collection configs
 * are read through the transaction's simulator, so the simulation records those reads as Fabric's does.
 */
final class CollectionStore {

    /** What the creator may do with a collection's private data. */
    record Permission(boolean read, boolean write) {
    }

    private final String channelId;
    private final ChannelConfigs channels;

    CollectionStore(String channelId, ChannelConfigs channels) {
        this.channelId = channelId;
        this.channels = channels;
    }

    /** Fabric's {@code RetrieveReadWritePermission}. */
    Permission readWritePermission(String namespace, String collection, SignedProposal proposal, StateReader state) {
        StaticCollectionConfig conf;
        try {
            conf = ChaincodeCollections.collection(state, namespace, collection).orElseThrow(
                    () -> new IllegalStateException("collection " + channelId + "/" + namespace + "/" + collection
                            + " could not be found"));
        } catch (LifecycleStateException e) {
            throw new IllegalStateException("could not get chaincode: " + e.getMessage(), e);
        }
        Policy access = accessPolicy(namespace, collection, conf);
        if (!conf.getMemberOnlyRead() && !conf.getMemberOnlyWrite()) {
            return new Permission(true, true);
        }
        if (isMember(proposal, access)) {
            return new Permission(true, true);
        }
        return new Permission(!conf.getMemberOnlyRead(), !conf.getMemberOnlyWrite());
    }

    /** Fabric's {@code SimpleCollection.Setup}: the collection's member policy, compiled. */
    private Policy accessPolicy(String namespace, String collection, StaticCollectionConfig conf) {
        String context = "error setting up collection for collection criteria privdata.CollectionCriteria{Channel:\""
                + channelId + "\", Collection:\"" + collection + "\", Namespace:\"" + namespace + "\"}: ";
        if (!conf.hasMemberOrgsPolicy()) {
            throw new IllegalStateException(context + "Collection config policy is nil");
        }
        if (!conf.getMemberOrgsPolicy().hasSignaturePolicy()) {
            throw new IllegalStateException(context + "Collection config access policy is nil");
        }
        try {
            return CompiledSignaturePolicy.compile(conf.getMemberOrgsPolicy().getSignaturePolicy(),
                    config().deserializer());
        } catch (PolicyException e) {
            throw new IllegalStateException(context + "failed constructing policy object out of collection policy "
                    + "config: " + e.getMessage(), e);
        }
    }

    private static boolean isMember(SignedProposal proposal, Policy access) {
        SignedData creator;
        try {
            creator = SignedData.fromProposal(proposal == null ? SignedProposal.getDefaultInstance() : proposal);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("error unmarshalling Proposal: " + e.getMessage(), e);
        }
        try {
            access.evaluateSignedData(List.of(creator));
            return true;
        } catch (PolicyException e) {
            return false;
        }
    }

    /** Fabric's {@code AllCollectionsConfigPkg}, as the ledger's collection-name checks ask for it. */
    CollectionConfigSource collections() {
        return (ledgerId, namespace, qe) -> {
            try {
                return ChaincodeCollections.all(qe::getState, namespace, orgMspIds()).orElse(null);
            } catch (LifecycleStateException e) {
                throw new LedgerException("could not get info about chaincode: " + e.getMessage(), e);
            }
        };
    }

    private List<String> orgMspIds() {
        return config().application().orElseThrow(
                () -> new LedgerException("could not get application config for channel " + channelId)).mspIds();
    }

    private ChannelConfig config() {
        return channel().orElseThrow(() -> new IllegalStateException("could not get channelconfig for channel "
                + channelId));
    }

    /** The channel's current config, if the peer has it. */
    Optional<ChannelConfig> channel() {
        return channels.config(channelId);
    }
}
