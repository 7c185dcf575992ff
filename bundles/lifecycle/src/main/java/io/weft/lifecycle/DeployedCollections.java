package io.weft.lifecycle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * The collections of a chaincode on one channel, as Fabric's deployed-chaincode info provider answers: for a chaincode
 * defined with {@code _lifecycle} its explicit collections then one implicit collection per application org; for a
 * legacy ({@code lscc}) chaincode its {@code <name>~collection} package; for {@code _lifecycle} itself the implicit
 * collections. Reads go through {@code state}, so a simulator records them as Fabric's does.
 *
 * @param applicationMspIds the channel's application organizations
 * @param localMspId this peer's organization (its implicit collection carries the dissemination counts)
 * @param implicitRequiredPeerCount {@code peer.gossip.pvtData.implicitCollectionDisseminationPolicy.requiredPeerCount}
 * @param implicitMaximumPeerCount {@code peer.gossip.pvtData.implicitCollectionDisseminationPolicy.maxPeerCount}
 */
public record DeployedCollections(List<String> applicationMspIds, String localMspId, int implicitRequiredPeerCount,
        int implicitMaximumPeerCount) {

    public DeployedCollections {
        applicationMspIds = List.copyOf(applicationMspIds);
        Objects.requireNonNull(localMspId, "localMspId");
    }

    /** All collections of {@code namespace}; empty when it defines none (Fabric's nil package). */
    public Optional<CollectionConfigPackage> all(StateReader state, String namespace) throws LifecycleStateException {
        if (LifecycleState.NAMESPACE.equals(namespace)) {
            return Optional.of(implicit(CollectionConfigPackage.newBuilder()).build());
        }
        Optional<ChaincodeDefinition> definition = LifecycleState.definition(state, namespace);
        if (definition.isEmpty()) {
            return LegacyLifecycle.collections(state, namespace);
        }
        return Optional.of(implicit(definition.get().collections().toBuilder()).build());
    }

    /** One collection of {@code namespace}, explicit or implicit. */
    public Optional<StaticCollectionConfig> collection(StateReader state, String namespace, String collection)
            throws LifecycleStateException {
        Optional<String> org = ImplicitCollections.mspIdOf(collection);
        boolean lifecycle = LifecycleState.NAMESPACE.equals(namespace);
        Optional<ChaincodeDefinition> definition = lifecycle ? Optional.empty()
                : LifecycleState.definition(state, namespace);
        if (org.isPresent() && (lifecycle || definition.isPresent())) {
            return Optional.of(implicitFor(org.get()));
        }
        if (lifecycle) {
            return Optional.empty();
        }
        Optional<CollectionConfigPackage> explicit = definition.isPresent()
                ? definition.map(ChaincodeDefinition::collections)
                : LegacyLifecycle.collections(state, namespace);
        return explicit.flatMap(pkg -> pkg.getConfigList().stream().filter(CollectionConfig::hasStaticCollectionConfig)
                .map(CollectionConfig::getStaticCollectionConfig).filter(c -> c.getName().equals(collection))
                .findFirst());
    }

    private CollectionConfigPackage.Builder implicit(CollectionConfigPackage.Builder pkg) {
        for (String mspId : applicationMspIds) {
            pkg.addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(implicitFor(mspId)));
        }
        return pkg;
    }

    private StaticCollectionConfig implicitFor(String mspId) {
        boolean own = mspId.equals(localMspId);
        return ImplicitCollections.config(mspId, own ? implicitRequiredPeerCount : 0,
                own ? implicitMaximumPeerCount : 0);
    }
}
