package io.weft.core.committer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.api.handler.ValidationContext;
import io.weft.api.handler.ValidationPlugin;
import io.weft.api.handler.ValidationPluginFactory;
import io.weft.ledger.KvLedger;
import io.weft.validation.builtin.DefaultValidationFactory;

/**
 * Validation plugins change between blocks, never inside one: a swap under a stream of blocks fails no block and
 * each block records the one provider version that judged it; a missing plugin halts the block (nothing committed)
 * until a provider comes, so this peer never decides differently from peers that have it.
 */
class PluginSwapTest {

    @TempDir
    Path dir;

    private CommitterTestBed bed;
    private CommitterFixtures fx;
    private TestPluginSource plugins;
    private KvLedger ledger;
    private BlockCommitter committer;

    /** The real DefaultValidation under a version label, so each block's provider can be told apart. */
    private static ValidationPluginFactory version(String label, List<String> judgedBy) {
        DefaultValidationFactory real = new DefaultValidationFactory();
        return (ValidationContext context) -> {
            ValidationPlugin plugin = real.newPlugin(context);
            return request -> {
                judgedBy.add(request.block().getHeader().getNumber() + "@" + label);
                return plugin.validate(request);
            };
        };
    }

    @BeforeEach
    void setUp() throws Exception {
        bed = new CommitterTestBed(dir);
        fx = bed.fx;
        plugins = bed.plugins;
        ledger = bed.ledger("l"); // mycc defined in block 1
        committer = bed.committer(ledger, 2);
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    private Block next(Envelope... txs) {
        return bed.next(ledger, txs);
    }

    private Envelope put(String key) {
        return bed.writes(CommitterTestBed.write(key, "v"));
    }

    @Test
    void aSwapUnderAStreamOfBlocksFailsNoBlockAndNeverMixesVersionsInABlock() throws Exception {
        List<String> judgedBy = java.util.Collections.synchronizedList(new ArrayList<>());
        // pre-built: 40 blocks of 20 transactions, committed while another thread swaps the provider of vscc
        List<List<Envelope>> blocks = new ArrayList<>();
        for (int b = 0; b < 40; b++) {
            List<Envelope> txs = new ArrayList<>();
            for (int t = 0; t < 20; t++) {
                txs.add(put("k" + b + "-" + t));
            }
            blocks.add(txs);
        }
        AtomicBoolean done = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            for (int v = 1; !done.get(); v++) {
                plugins.provide("vscc", version("v" + v, judgedBy), "test.vscc", v + ".0.0");
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        swapper.start();
        Set<String> versionsSeen = new LinkedHashSet<>();
        List<Long> events = java.util.Collections.synchronizedList(new ArrayList<>());
        AutoCloseable subscription = committer.subscribe(c -> events.add(c.number()));
        try {
            for (List<Envelope> txs : blocks) {
                CommittedBlock c = committer.commit(next(txs.toArray(Envelope[]::new)));
                assertThat(c.codes()).as("block %d", c.number()).containsOnly(TxValidationCode.VALID).hasSize(20);
                assertThat(c.validationPlugins()).containsOnlyKeys("vscc");
                versionsSeen.add(c.validationPlugins().get("vscc"));
            }
        } finally {
            done.set(true);
            swapper.join();
            subscription.close();
        }
        assertThat(events).as("one block event per committed block, in order").hasSize(40).isSorted()
                .startsWith(2L).endsWith(41L);
        assertThat(versionsSeen).as("the provider changed during the stream").hasSizeGreaterThan(1);
        // every transaction of a block was judged by one version, the one the block records
        java.util.Map<String, Set<String>> labelsPerBlock = new java.util.HashMap<>();
        synchronized (judgedBy) {
            for (String j : judgedBy) {
                String[] parts = j.split("@");
                labelsPerBlock.computeIfAbsent(parts[0], k -> new LinkedHashSet<>()).add(parts[1]);
            }
        }
        labelsPerBlock.forEach((block, labels) -> assertThat(labels).as("block %s", block).hasSize(1));
        assertThat(plugins.openHandles.get()).as("every block released its pinned providers").isZero();
    }

    @Test
    void aMissingPluginHaltsTheBlockUntilAProviderComesThenTheSameBlockCommits() throws Exception {
        plugins.remove("vscc");
        Block block = next(put("a"), put("b"));
        long height = ledger.height();

        assertThatThrownBy(() -> committer.commit(block)).isInstanceOf(ValidationHaltedException.class)
                .hasMessageContaining("vscc");
        assertThat(ledger.height()).as("nothing committed").isEqualTo(height);
        assertThat(ledger.stateHeight()).isEqualTo(height);

        plugins.provide("vscc", new DefaultValidationFactory(), "io.weft.validation-default", "0.1.1");
        CommittedBlock committed = committer.commit(block);
        assertThat(committed.codes()).containsExactly(TxValidationCode.VALID, TxValidationCode.VALID);
        assertThat(committed.validationPlugins()).containsEntry("vscc", "io.weft.validation-default 0.1.1");
        assertThat(plugins.openHandles.get()).isZero();
    }

    @Test
    void aChaincodeNamingAnUnknownPluginHaltsItsBlockNotOtherChaincodes() throws Exception {
        // a definition naming plugin "custom": no provider anywhere
        Envelope define = fx.defineChaincode("odd", CommitterFixtures.signaturePolicy("OR('Org1MSP.peer')"),
                CollectionConfigPackage.getDefaultInstance());
        assertThat(committer.commit(next(define)).codes()).containsExactly(TxValidationCode.VALID);
        Envelope redefine = customPluginDefinition("odd");
        assertThat(committer.commit(next(redefine)).codes()).containsExactly(TxValidationCode.VALID);

        KVRWSet kv = KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey("x").setValue(ByteString.copyFromUtf8("y")))
                .build();
        Envelope oddTx = fx.tx().chaincode("odd").results(CommitterFixtures.rwset("odd", kv)).endorsedBy(fx.peer1).build();
        long height = ledger.height();
        assertThatThrownBy(() -> committer.commit(next(put("c"), oddTx))).isInstanceOf(ValidationHaltedException.class)
                .hasMessageContaining("custom");
        assertThat(ledger.height()).isEqualTo(height);
        // blocks without that chaincode keep committing
        assertThat(committer.commit(next(put("d"))).codes()).containsExactly(TxValidationCode.VALID);
        assertThat(plugins.openHandles.get()).isZero();
    }

    /** Commits a new definition of {@code name} whose validation plugin is {@code custom}. */
    private Envelope customPluginDefinition(String name) {
        io.weft.lifecycle.ChaincodeDefinition def = new io.weft.lifecycle.ChaincodeDefinition(2,
                org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo.newBuilder().setVersion("1.0").build(),
                org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo.newBuilder()
                        .setValidationPlugin("custom")
                        .setValidationParameter(CommitterFixtures.signaturePolicy("OR('Org1MSP.peer')")).build(),
                CollectionConfigPackage.getDefaultInstance());
        KVRWSet.Builder kv = KVRWSet.newBuilder();
        io.weft.lifecycle.LifecycleState.definitionWrites(name, def)
                .forEach((k, v) -> kv.addWrites(KVWrite.newBuilder().setKey(k).setValue(v)));
        return fx.tx().chaincode(io.weft.lifecycle.LifecycleState.NAMESPACE)
                .results(CommitterFixtures.rwset(io.weft.lifecycle.LifecycleState.NAMESPACE, kv.build()))
                .endorsedBy(fx.peer1, fx.peer2).build();
    }
}
