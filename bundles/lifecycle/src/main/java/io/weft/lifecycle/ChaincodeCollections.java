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
 * The private data collections of a chaincode, as Fabric's deployed-chaincode info provider answers for them. A
 * chaincode defined with {@code _lifecycle} (and {@code _lifecycle} itself) has the collections its definition
 * declares plus one implicit collection per org, {@code _implicit_org_<MSPID>}, whose only members are that org's;
 * a legacy chaincode has the collections {@code lscc} stored under {@code <name>~collection}.
 */
public final class ChaincodeCollections {

    /** The name prefix of implicit org collections. */
    public static final String IMPLICIT_PREFIX = "_implicit_org_";

    private ChaincodeCollections() {
    }

    /** The implicit collection of org {@code mspId}. */
    public static String implicitCollectionName(String mspId) {
        return IMPLICIT_PREFIX + mspId;
    }

    /** The MSP ID whose implicit collection {@code collection} is, if it is one. */
    public static Optional<String> implicitCollectionMspId(String collection) {
        return collection.startsWith(IMPLICIT_PREFIX) ? Optional.of(collection.substring(IMPLICIT_PREFIX.length()))
                : Optional.empty();
    }

    /**
     * The implicit collection of org {@code mspId}: any member of the org is a member, the data never expires.
     * Fabric sets the peer counts of the peer's own org from its dissemination settings; they only matter to
     * gossip, so they are zero here.
     */
    public static StaticCollectionConfig implicitCollection(String mspId) {
        MSPPrincipal member = MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier(mspId).setRole(MSPRole.MSPRoleType.MEMBER).build()
                        .toByteString())
                .build();
        SignaturePolicyEnvelope signedByMember = SignaturePolicyEnvelope.newBuilder().setVersion(0)
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(1)
                        .addRules(SignaturePolicy.newBuilder().setSignedBy(0))))
                .addIdentities(member).build();
        return StaticCollectionConfig.newBuilder().setName(implicitCollectionName(mspId))
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder().setSignaturePolicy(signedByMember)).build();
    }

    /**
     * Fabric's {@code CollectionInfo}: the configuration of one collection of {@code chaincode}. Any implicit
     * collection name of a {@code _lifecycle} chaincode answers, whether or not the org is in the channel.
     *
     * @return empty when the chaincode is not defined or has no such collection
     * @throws LifecycleStateException the stored definition cannot be read
     */
    public static Optional<StaticCollectionConfig> collection(StateReader state, String chaincode, String collection)
            throws LifecycleStateException {
        Optional<CollectionConfigPackage> explicit = lifecycleCollections(state, chaincode);
        if (explicit.isPresent()) {
            Optional<String> mspId = implicitCollectionMspId(collection);
            return mspId.isPresent() ? mspId.map(ChaincodeCollections::implicitCollection)
                    : declared(explicit.get(), collection);
        }
        Optional<CollectionConfigPackage> legacy = LegacyLifecycle.collections(state, chaincode);
        return legacy.isPresent() ? declared(legacy.get(), collection) : Optional.empty();
    }

    /**
     * Fabric's {@code AllCollectionsConfigPkg}: every collection of {@code chaincode}; for a {@code _lifecycle}
     * chaincode, the declared ones followed by the implicit collection of each of {@code orgMspIds} (the channel's
     * application orgs).
     *
     * @return empty when the chaincode is not defined, or is a legacy chaincode without collections
     * @throws LifecycleStateException the stored definition cannot be read
     */
    public static Optional<CollectionConfigPackage> all(StateReader state, String chaincode,
            Collection<String> orgMspIds) throws LifecycleStateException {
        Optional<CollectionConfigPackage> explicit = lifecycleCollections(state, chaincode);
        if (explicit.isEmpty()) {
            return LegacyLifecycle.collections(state, chaincode);
        }
        CollectionConfigPackage.Builder all = explicit.get().toBuilder();
        for (String mspId : orgMspIds) {
            all.addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(implicitCollection(mspId)));
        }
        return Optional.of(all.build());
    }

    /** The static collection named {@code name} in {@code pkg}. */
    public static Optional<StaticCollectionConfig> declared(CollectionConfigPackage pkg, String name) {
        for (CollectionConfig c : pkg.getConfigList()) {
            if (c.hasStaticCollectionConfig() && c.getStaticCollectionConfig().getName().equals(name)) {
                return Optional.of(c.getStaticCollectionConfig());
            }
        }
        return Optional.empty();
    }

    /** The declared collections of a chaincode {@code _lifecycle} defines ({@code _lifecycle} itself has none). */
    private static Optional<CollectionConfigPackage> lifecycleCollections(StateReader state, String chaincode)
            throws LifecycleStateException {
        if (chaincode.equals(LifecycleState.NAMESPACE)) {
            return Optional.of(CollectionConfigPackage.getDefaultInstance());
        }
        return LifecycleState.definition(state, chaincode).map(ChaincodeDefinition::collections);
    }
}
