package io.weft.lifecycle;

import java.util.Collection;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * The private data collections of a deployed chaincode, as Fabric's deployed-chaincode info provider answers them: a
 * chaincode defined with {@code _lifecycle} has its explicit collections plus one implicit collection per org
 * ({@code _implicit_org_<MSPID>}); a legacy ({@code lscc}) chaincode has only the collections it was instantiated
 * with. Every lookup reads through {@code state}, so a simulator records those reads as Fabric's does.
 */
public final class ChaincodeCollections {

    /** The name prefix of an org's implicit collection. */
    public static final String IMPLICIT_PREFIX = "_implicit_org_";

    private ChaincodeCollections() {
    }

    /** The implicit collection of the org with MSP ID {@code mspId}. */
    public static String implicitCollectionName(String mspId) {
        return IMPLICIT_PREFIX + mspId;
    }

    /** The MSP ID an implicit collection belongs to; empty for any other collection name. */
    public static Optional<String> implicitCollectionMspId(String collection) {
        return collection.startsWith(IMPLICIT_PREFIX) ? Optional.of(collection.substring(IMPLICIT_PREFIX.length()))
                : Optional.empty();
    }

    /**
     * An org's implicit collection: readable and writable by anyone through the chaincode, its members being the
     * org's members (dissemination counts are left at zero).
     */
    public static StaticCollectionConfig implicitCollection(String mspId) {
        SignaturePolicyEnvelope member = SignaturePolicyEnvelope.newBuilder().setVersion(0)
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(1)
                        .addRules(SignaturePolicy.newBuilder().setSignedBy(0))))
                .addIdentities(MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                        .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspId).setRole(MSPRole.MSPRoleType.MEMBER)
                                .build().toByteString()))
                .build();
        return StaticCollectionConfig.newBuilder().setName(implicitCollectionName(mspId))
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder().setSignaturePolicy(member)).build();
    }

    /**
     * Fabric's {@code CollectionInfo}: the named collection of {@code chaincode}, explicit or implicit (an implicit
     * collection exists for any MSP ID); empty when the chaincode does not define it.
     */
    public static Optional<StaticCollectionConfig> collection(StateReader state, String chaincode, String collection)
            throws LifecycleStateException {
        Optional<CollectionConfigPackage> explicit = lifecycleCollections(state, chaincode);
        if (explicit.isPresent()) {
            Optional<String> mspId = implicitCollectionMspId(collection);
            if (mspId.isPresent()) {
                return Optional.of(implicitCollection(mspId.get()));
            }
            return find(explicit.get(), collection);
        }
        Optional<CollectionConfigPackage> legacy = LegacyLifecycle.collections(state, chaincode);
        return legacy.isEmpty() ? Optional.empty() : find(legacy.get(), collection);
    }

    /**
     * Fabric's {@code AllCollectionsConfigPkg}: the explicit collections of {@code chaincode} and, when it is defined
     * with {@code _lifecycle}, the implicit collection of each org in {@code orgMspIds}; empty when the chaincode is
     * a legacy one without collections, or not deployed.
     */
    public static Optional<CollectionConfigPackage> all(StateReader state, String chaincode,
            Collection<String> orgMspIds) throws LifecycleStateException {
        Optional<CollectionConfigPackage> explicit = lifecycleCollections(state, chaincode);
        if (explicit.isEmpty()) {
            if (LegacyLifecycle.chaincodeData(state, chaincode).isEmpty()) {
                return Optional.empty();
            }
            return LegacyLifecycle.collections(state, chaincode);
        }
        CollectionConfigPackage.Builder all = explicit.get().toBuilder();
        for (String mspId : orgMspIds) {
            all.addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(implicitCollection(mspId)));
        }
        return Optional.of(all.build());
    }

    /** The explicit collections of a chaincode defined with {@code _lifecycle} ({@code _lifecycle} itself has none). */
    private static Optional<CollectionConfigPackage> lifecycleCollections(StateReader state, String chaincode)
            throws LifecycleStateException {
        if (LifecycleState.NAMESPACE.equals(chaincode)) {
            return Optional.of(CollectionConfigPackage.getDefaultInstance());
        }
        return LifecycleState.definition(state, chaincode).map(ChaincodeDefinition::collections);
    }

    private static Optional<StaticCollectionConfig> find(CollectionConfigPackage pkg, String name) {
        return pkg.getConfigList().stream().filter(CollectionConfig::hasStaticCollectionConfig)
                .map(CollectionConfig::getStaticCollectionConfig).filter(c -> c.getName().equals(name)).findFirst();
    }
}
