package io.weft.core.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.IdemixMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.ledger.LedgerException;
import io.weft.ledger.txmgr.CollectionConfigSource;
import io.weft.ledger.txmgr.ConfigTransactions;
import io.weft.ledger.txmgr.QueryExecutor;
import io.weft.lifecycle.ChaincodeCollections;
import io.weft.lifecycle.LifecycleStateException;

/**
 * The channels' collections as each ledger's state defines them (Fabric's lifecycle {@code ValidatorCommitter} as
 * the ledger's deployed-chaincode info provider): definitions are read through the asking executor; the application
 * orgs, whose implicit collections a {@code _lifecycle} chaincode has, come from the channel config stored in the
 * same state, read without recording it (Fabric holds it in memory). Thread-safe.
 */
public final class ChaincodeCollectionSource implements CollectionConfigSource {

    private static final String APPLICATION = "Application";
    private static final String MSP = "MSP";
    private static final int FABRIC_MSP = 0;
    private static final int IDEMIX_MSP = 1;

    /** A channel's stored config and its application orgs' MSP IDs, parsed once per config. */
    private record Orgs(ByteString config, List<String> mspIds) {
    }

    private final Map<String, Orgs> orgs = new ConcurrentHashMap<>();

    @Override
    public CollectionConfigPackage allCollectionsConfig(String ledgerId, String namespace, QueryExecutor qe) {
        try {
            return ChaincodeCollections.all(qe::getState, namespace, applicationMspIds(ledgerId, qe)).orElse(null);
        } catch (LifecycleStateException e) {
            throw new LedgerException("could not get the collections of chaincode [" + namespace + "] on channel ["
                    + ledgerId + "]: " + e.getMessage(), e);
        }
    }

    @Override
    public StaticCollectionConfig collectionInfo(String ledgerId, String namespace, String collection,
            QueryExecutor qe) {
        try {
            return ChaincodeCollections.collection(qe::getState, namespace, collection).orElse(null);
        } catch (LifecycleStateException e) {
            throw new LedgerException("could not get collection [" + collection + "] of chaincode [" + namespace
                    + "] on channel [" + ledgerId + "]: " + e.getMessage(), e);
        }
    }

    private List<String> applicationMspIds(String ledgerId, QueryExecutor qe) {
        ByteString raw = qe.getStateUnrecorded(ConfigTransactions.PEER_NAMESPACE, ConfigTransactions.CHANNEL_CONFIG_KEY);
        if (raw == null) {
            return List.of();
        }
        Orgs last = orgs.get(ledgerId);
        if (last != null && last.config.equals(raw)) {
            return last.mspIds;
        }
        try {
            List<String> ids = mspIds(ConfigEnvelope.parseFrom(raw));
            orgs.put(ledgerId, new Orgs(raw, ids));
            return ids;
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("[channel " + ledgerId + "] stored channel config does not decode: "
                    + e.getMessage(), e);
        }
    }

    /** The MSP IDs of the application orgs, in the order of their group names. */
    static List<String> mspIds(ConfigEnvelope envelope) throws InvalidProtocolBufferException {
        ConfigGroup application = envelope.getConfig().getChannelGroup().getGroupsMap().get(APPLICATION);
        if (application == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (ConfigGroup org : new TreeMap<>(application.getGroupsMap()).values()) {
            ConfigValue value = org.getValuesMap().get(MSP);
            if (value == null) {
                continue;
            }
            MSPConfig msp = MSPConfig.parseFrom(value.getValue());
            switch (msp.getType()) {
                case FABRIC_MSP -> ids.add(FabricMSPConfig.parseFrom(msp.getConfig()).getName());
                case IDEMIX_MSP -> ids.add(IdemixMSPConfig.parseFrom(msp.getConfig()).getName());
                default -> {
                    // an MSP type the channel config would not have accepted
                }
            }
        }
        return List.copyOf(ids);
    }
}
