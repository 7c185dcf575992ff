package io.weft.core.committer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.junit.jupiter.api.Test;

/** Fabric's v1.2 collection rules for lscc, with its texts. */
class LegacyCollectionRulesTest {

    private static CollectionConfig coll(String name, int required, int max, long btl) {
        return CollectionConfig.newBuilder().setStaticCollectionConfig(StaticCollectionConfig.newBuilder().setName(name)
                .setRequiredPeerCount(required).setMaximumPeerCount(max).setBlockToLive(btl)).build();
    }

    @Test
    void newCollections() {
        assertThat(LegacyCollectionRules.newConfigsError(List.of(coll("a", 0, 1, 0), coll("b-_2", 1, 1, 0)))).isEmpty();
        assertThat(LegacyCollectionRules.newConfigsError(List.of(CollectionConfig.getDefaultInstance())))
                .contains("unknown collection configuration type");
        assertThat(LegacyCollectionRules.newConfigsError(List.of(coll("", 0, 1, 0))))
                .contains("empty collection-name is not allowed");
        assertThat(LegacyCollectionRules.newConfigsError(List.of(coll("a b", 0, 1, 0))))
                .contains("collection-name: a b not allowed. A valid collection name follows the pattern: [A-Za-z0-9_-]+");
        assertThat(LegacyCollectionRules.newConfigsError(List.of(coll("a", 0, 1, 0), coll("a", 0, 1, 0))))
                .contains("collection-name: a -- found duplicate collection configuration");
        assertThat(LegacyCollectionRules.newConfigsError(List.of(coll("a", 2, 1, 0))))
                .contains("collection-name: a -- maximum peer count (1) cannot be less than the required peer count (2)");
        assertThat(LegacyCollectionRules.newConfigsError(List.of(coll("a", -1, 1, 0))))
                .contains("collection-name: a -- requiredPeerCount (1) cannot be less than zero (-1)");
        CollectionConfig and = coll("a", 0, 1, 0).toBuilder().setStaticCollectionConfig(coll("a", 0, 1, 0)
                .getStaticCollectionConfig().toBuilder().setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder()
                        .setSignaturePolicy(SignaturePolicyEnvelope.newBuilder().setRule(SignaturePolicy.newBuilder()
                                .setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(2)))))).build();
        assertThat(LegacyCollectionRules.newConfigsError(List.of(and))).contains("collection-name: a -- error in "
                + "member org policy: signature policy is not an OR concatenation, NOutOf 2");
    }

    @Test
    void upgradesKeepCollectionsAndTheirBlockToLive() {
        List<CollectionConfig> old = List.of(coll("a", 0, 1, 10), coll("b", 0, 1, 0));
        assertThat(LegacyCollectionRules.againstOldError(List.of(coll("b", 0, 2, 0), coll("a", 0, 1, 10),
                coll("c", 0, 1, 3)), old)).isEmpty();
        assertThat(LegacyCollectionRules.againstOldError(List.of(coll("c", 0, 1, 0)), old)).contains("the following "
                + "existing collections are missing in the new collection configuration package: [a b]");
        assertThat(LegacyCollectionRules.againstOldError(List.of(coll("a", 0, 1, 11), coll("b", 0, 1, 0)), old))
                .contains("the BlockToLive in the following existing collections must not be modified: [a]");
    }
}
