package io.weft.validation.builtin;

import static io.weft.validation.builtin.TestValidationContext.envelope;
import static io.weft.validation.builtin.TestValidationContext.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWriteHash;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.junit.jupiter.api.Test;

import io.weft.api.handler.NsRwSet;
import io.weft.api.handler.EndorsedAction;
import io.weft.api.handler.PolicyViolationException;
import io.weft.api.handler.StateKey;
import io.weft.api.handler.ValidationExecutionException;
import io.weft.api.handler.ValidationPlugin;
import io.weft.api.handler.ValidationPlugin.Request;

class DefaultValidationPluginTest {

    private static final String CC = "mycc";
    private static final ByteString CC_EP = policy("Org1");

    private final TestValidationContext ctx = new TestValidationContext();
    private final ValidationPlugin plugin = new DefaultValidationFactory().newPlugin(ctx);

    // --- building requests ---

    private static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }

    private static KVRWSet.Builder writes(String... keys) {
        KVRWSet.Builder b = KVRWSet.newBuilder();
        for (String k : keys) {
            b.addWrites(KVWrite.newBuilder().setKey(k).setValue(bytes("v")));
        }
        return b;
    }

    private static NsRwSet ns(String namespace, KVRWSet.Builder kv, NsRwSet.Collection... colls) {
        return new NsRwSet(namespace, kv.build(), Arrays.asList(colls));
    }

    private static NsRwSet.Collection coll(String name, String... hashedWrites) {
        HashedRWSet.Builder b = HashedRWSet.newBuilder();
        for (String h : hashedWrites) {
            b.addHashedWrites(KVWriteHash.newBuilder().setKeyHash(bytes(h)).setValueHash(bytes("vh")));
        }
        return new NsRwSet.Collection(name, b.build());
    }

    private static Request request(List<String> endorsers, NsRwSet... rwSets) {
        List<Endorsement> endorsements = new ArrayList<>();
        for (String e : endorsers) {
            endorsements.add(Endorsement.newBuilder().setEndorser(bytes(e)).setSignature(bytes("sig")).build());
        }
        EndorsedAction action = new EndorsedAction(ChannelHeader.getDefaultInstance(), bytes("prp"), endorsements,
                ChaincodeAction.getDefaultInstance(), Arrays.asList(rwSets));
        Block block = Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(5)).build();
        return new Request(block, CC, 3, 0, CC_EP, action);
    }

    // --- chaincode policy ---

    @Test
    void chaincodePolicySatisfied() throws Exception {
        ValidationPlugin.Result r = plugin.validate(request(List.of("Org1"), ns(CC, writes("a"))));
        assertThat(r.validationParameterKeys()).containsExactly(StateKey.publicKey(CC, "a"));
        assertThat(ctx.evaluated).containsExactly(CC_EP);
    }

    @Test
    void chaincodePolicyNotSatisfied() {
        assertThatThrownBy(() -> plugin.validate(request(List.of("Org2"), ns(CC, writes("a")))))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageStartingWith("validation of endorsement policy for chaincode mycc in tx 5:3 failed: ")
                .hasMessageContaining("Org1 missing");
    }

    @Test
    void chaincodePolicyEvaluatedOncePerRequest() throws Exception {
        plugin.validate(request(List.of("Org1"), ns(CC, writes("a", "b", "c"))));
        assertThat(ctx.evaluated).containsExactly(CC_EP);
    }

    @Test
    void noEndorsementsFailTheChaincodePolicy() {
        assertThatThrownBy(() -> plugin.validate(request(List.of(), ns(CC, writes("a")))))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageStartingWith("validation of endorsement policy for chaincode mycc in tx 5:3 failed");
    }

    @Test
    void readOnlyActionIsCheckedAgainstTheChaincodePolicy() throws Exception {
        KVRWSet.Builder reads = KVRWSet.newBuilder().addReads(KVRead.newBuilder().setKey("a"));
        ValidationPlugin.Result r = plugin.validate(request(List.of("Org1"), ns(CC, reads)));
        assertThat(r.validationParameterKeys()).isEmpty();
        assertThat(ctx.evaluated).containsExactly(CC_EP);

        assertThatThrownBy(() -> plugin.validate(request(List.of("Org2"), ns(CC, KVRWSet.newBuilder()
                .addReads(KVRead.newBuilder().setKey("a"))))))
                .hasMessageStartingWith("validation of endorsement policy for chaincode mycc in tx 5:3 failed");
    }

    // --- key-level policies ---

    @Test
    void keyPolicyOverridesTheChaincodePolicy() throws Exception {
        ctx.keyPolicy(CC, "a", envelope("Org2"));
        ValidationPlugin.Result r = plugin.validate(request(List.of("Org2"), ns(CC, writes("a"))));
        assertThat(r.validationParameterKeys()).containsExactly(StateKey.publicKey(CC, "a"));
        assertThat(ctx.evaluated).as("the envelope from state, as an ApplicationPolicy; the chaincode policy unused")
                .containsExactly(policy("Org2"));
    }

    @Test
    void unsatisfiedKeyPolicyFailsThoughTheChaincodePolicyHolds() {
        ctx.keyPolicy(CC, "a", envelope("Org2"));
        assertThatThrownBy(() -> plugin.validate(request(List.of("Org1"), ns(CC, writes("a")))))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageStartingWith("validation of key a (coll'':ns'mycc') in tx 5:3 failed: ")
                .hasMessageContaining("Org2 missing");
    }

    @Test
    void keysWithoutPolicyStillNeedTheChaincodePolicy() throws Exception {
        ctx.keyPolicy(CC, "a", envelope("Org2"));
        assertThatThrownBy(() -> plugin.validate(request(List.of("Org2"), ns(CC, writes("a", "b")))))
                .hasMessageStartingWith("validation of endorsement policy for chaincode mycc in tx 5:3 failed");
        ctx.evaluated.clear();
        plugin.validate(request(List.of("Org1", "Org2"), ns(CC, writes("a", "b"))));
        assertThat(ctx.evaluated).containsExactly(policy("Org2"), CC_EP);
    }

    @Test
    void metadataWritesNeedTheKeyPolicy() throws Exception {
        ctx.keyPolicy(CC, "m", envelope("Org2"));
        KVRWSet.Builder mdWrite = KVRWSet.newBuilder().addMetadataWrites(KVMetadataWrite.newBuilder().setKey("m"));
        assertThatThrownBy(() -> plugin.validate(request(List.of("Org1"), ns(CC, mdWrite))))
                .hasMessageStartingWith("validation of key m (coll'':ns'mycc') in tx 5:3 failed");
        assertThat(plugin.validate(request(List.of("Org2"), ns(CC, mdWrite))).validationParameterKeys())
                .containsExactly(StateKey.publicKey(CC, "m"));
    }

    @Test
    void privateMetadataWritesNeedTheKeyPolicy() throws Exception {
        ctx.collections.add("c1");
        ctx.privateKeyPolicy(CC, "c1", bytes("h"), envelope("Org2"));
        NsRwSet.Collection c1 = new NsRwSet.Collection("c1", HashedRWSet.newBuilder()
                .addMetadataWrites(KVMetadataWriteHash.newBuilder().setKeyHash(bytes("h"))).build());
        assertThatThrownBy(() -> plugin.validate(request(List.of("Org1"), ns(CC, KVRWSet.newBuilder(), c1))))
                .hasMessageStartingWith("validation of key 68 (coll'c1':ns'mycc') in tx 5:3 failed");
        assertThat(plugin.validate(request(List.of("Org2"), ns(CC, KVRWSet.newBuilder(), c1))).validationParameterKeys())
                .containsExactly(StateKey.privateKeyHash(CC, "c1", bytes("h")));
    }

    /** The key's envelope is handed on undecoded, as an ApplicationPolicy; the context's decoding refuses it. */
    @Test
    void corruptKeyPolicyIsAPolicyViolation() {
        ctx.keyPolicy(CC, "a", ByteString.copyFrom(new byte[] {0x0a, 0x05, 0x01}));
        assertThatThrownBy(() -> plugin.validate(request(List.of("Org1"), ns(CC, writes("a")))))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessage("validation of key a (coll'':ns'mycc') in tx 5:3 failed: unparsable policy");
    }

    @Test
    void emptyKeyPolicyMeansNone() throws Exception {
        ctx.keyPolicy(CC, "a", ByteString.EMPTY);
        plugin.validate(request(List.of("Org1"), ns(CC, writes("a"))));
        assertThat(ctx.evaluated).containsExactly(CC_EP);
    }

    // --- collections ---

    @Test
    void collectionPolicyGovernsItsHashedWrites() throws Exception {
        ctx.collections.add("c1");
        ctx.collectionPolicies.put("c1", policy("Org3"));
        ValidationPlugin.Result r = plugin.validate(request(List.of("Org3"), ns(CC, KVRWSet.newBuilder(), coll("c1", "h1", "h2"))));
        assertThat(ctx.evaluated).as("once per request, and the chaincode policy never").containsExactly(policy("Org3"));
        assertThat(r.validationParameterKeys()).containsExactly(
                StateKey.privateKeyHash(CC, "c1", bytes("h1")), StateKey.privateKeyHash(CC, "c1", bytes("h2")));
    }

    @Test
    void unsatisfiedCollectionPolicy() {
        ctx.collections.add("c1");
        ctx.collectionPolicies.put("c1", policy("Org3"));
        assertThatThrownBy(() -> plugin.validate(request(List.of("Org1"), ns(CC, KVRWSet.newBuilder(), coll("c1", "h1")))))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageStartingWith("validation of endorsement policy for collection c1 chaincode mycc in tx 5:3 failed: ");
    }

    @Test
    void collectionWithoutPolicyFallsBackToTheChaincodePolicy() throws Exception {
        ctx.collections.add("c2");
        plugin.validate(request(List.of("Org1"), ns(CC, KVRWSet.newBuilder(), coll("c2", "h1"))));
        assertThat(ctx.evaluated).containsExactly(CC_EP);
        assertThatThrownBy(() -> plugin.validate(request(List.of("Org3"), ns(CC, KVRWSet.newBuilder(), coll("c2", "h1")))))
                .hasMessageStartingWith("validation of endorsement policy for chaincode mycc in tx 5:3 failed");
    }

    @Test
    void keyPolicyOverridesTheCollectionPolicy() throws Exception {
        ctx.collections.add("c1");
        ctx.collectionPolicies.put("c1", policy("Org3"));
        ctx.privateKeyPolicy(CC, "c1", bytes("h1"), envelope("Org2"));
        plugin.validate(request(List.of("Org2"), ns(CC, KVRWSet.newBuilder(), coll("c1", "h1"))));
        assertThat(ctx.evaluated).containsExactly(policy("Org2"));
    }

    @Test
    void unknownCollectionPropagatesTheContextsViolation() {
        assertThatThrownBy(() -> plugin.validate(request(List.of("Org1"), ns(CC, KVRWSet.newBuilder(), coll("nope", "h1")))))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessage("collection nope not found for chaincode mycc");
    }

    // --- what the result reports, what counts ---

    @Test
    void resultListsTheKeysLookedUpInFabricsOrder() throws Exception {
        ctx.collections.addAll(List.of("c1", "c2"));
        KVRWSet.Builder kv = writes("w1").addMetadataWrites(KVMetadataWrite.newBuilder().setKey("m1"));
        NsRwSet.Collection c1 = new NsRwSet.Collection("c1", HashedRWSet.newBuilder()
                .addHashedWrites(KVWriteHash.newBuilder().setKeyHash(bytes("h1")))
                .addMetadataWrites(KVMetadataWriteHash.newBuilder().setKeyHash(bytes("hm1"))).build());
        ValidationPlugin.Result r = plugin.validate(request(List.of("Org1"), ns(CC, kv, c1, coll("c2", "h2"))));
        assertThat(r.validationParameterKeys()).containsExactly(
                StateKey.publicKey(CC, "w1"),
                StateKey.publicKey(CC, "m1"),
                StateKey.privateKeyHash(CC, "c1", bytes("h1")),
                StateKey.privateKeyHash(CC, "c2", bytes("h2")),
                StateKey.privateKeyHash(CC, "c1", bytes("hm1")));
    }

    @Test
    void otherNamespacesAreIgnored() throws Exception {
        ctx.keyPolicy("other", "x", envelope("Nobody"));
        ValidationPlugin.Result r = plugin.validate(request(List.of("Org1"),
                ns("other", writes("x")), ns(CC, writes("a"))));
        assertThat(r.validationParameterKeys()).containsExactly(StateKey.publicKey(CC, "a"));
        assertThat(ctx.evaluated).containsExactly(CC_EP);
    }

    @Test
    void onlyOtherNamespacesWrittenMeansTheChaincodePolicy() throws Exception {
        ValidationPlugin.Result r = plugin.validate(request(List.of("Org1"), ns("other", writes("x"))));
        assertThat(r.validationParameterKeys()).isEmpty();
        assertThat(ctx.evaluated).containsExactly(CC_EP);
    }

    @Test
    void executionFailurePropagates() {
        ctx.stateUnavailable = true;
        assertThatThrownBy(() -> plugin.validate(request(List.of("Org1"), ns(CC, writes("a")))))
                .isInstanceOf(ValidationExecutionException.class)
                .hasMessage("could not retrieve ledger");
    }

    @Test
    void oneSharedPluginServesConcurrentRequests() throws Exception {
        ctx.keyPolicy(CC, "a", envelope("Org2"));
        Request good = request(List.of("Org2"), ns(CC, writes("a")));
        Request bad = request(List.of("Org1"), ns(CC, writes("a")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Request req = i % 2 == 0 ? good : bad;
                results.add(pool.submit(() -> {
                    try {
                        plugin.validate(req);
                        return true;
                    } catch (PolicyViolationException e) {
                        return false;
                    }
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- the DS component ---

    @Test
    void componentRegistersUnderTheNameCoreYamlUses() throws Exception {
        Path descriptor = Path.of("target/classes/OSGI-INF/io.weft.validation.builtin.DefaultValidationFactory.xml");
        String xml = Files.readString(descriptor, StandardCharsets.UTF_8);
        assertThat(xml).contains("io.weft.api.handler.ValidationPluginFactory")
                .contains("name=\"weft.handler.name\"").contains("value=\"DefaultValidation\"")
                .contains("name=\"weft.handler.kind\"").contains("value=\"validation\"");
    }
}
