package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import com.google.protobuf.ByteString;

import io.weft.core.committer.CommitterFixtures;

/**
 * The committer in the running peer: a channel joined from mychannel's genesis block, a chaincode defined through
 * {@code _lifecycle}, endorsed blocks committed with Fabric's codes by the DefaultValidation bundle — and the
 * validation plugin updated in place, again and again, while blocks commit: no block fails, and each block records
 * the one bundle version that judged it.
 */
class CommitterIT {

    private static final String CC = "basic";

    @TempDir
    Path work;

    private CommitterFixtures fx;
    private OrdererBlocks blocks;

    private Envelope put(String key, boolean endorsed) {
        KVRWSet kv = KVRWSet.newBuilder().addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("v")))
                .build();
        var tx = fx.tx().chaincode(CC).results(CommitterFixtures.rwset(CC, kv));
        return (endorsed ? tx.endorsedBy(fx.peer1) : tx).build();
    }

    @Test
    void blocksCommitWithFabricsCodesWhileTheValidationPluginIsUpdatedInPlace() throws Exception {
        fx = CommitterFixtures.get();
        try (InProcessPeer peer = new InProcessPeer(work, Map.of())) {
            CommittersProxy committers = new CommittersProxy(peer.context());
            committers.join(fx.genesis.toByteArray());
            blocks = new OrdererBlocks(fx);

            Envelope define = fx.defineChaincode(CC, CommitterFixtures.signaturePolicy("OR('Org1MSP.peer','Org2MSP.peer')"),
                    CollectionConfigPackage.getDefaultInstance());
            CommittersProxy.Committed defined = committers.commit("mychannel", blocks.next(define));
            assertThat(defined.codes()).containsExactly("VALID");
            CommittersProxy.Committed first = committers.commit("mychannel", blocks.next(put("a", true), put("b", false)));
            assertThat(first.codes()).containsExactly("VALID", "ENDORSEMENT_POLICY_FAILURE");
            assertThat(first.validationPlugins().get("vscc")).startsWith("io.weft.validation-default ");

            // a second provider of DefaultValidation, ranked higher, updated in place while blocks commit
            Bundle plugin = peer.context().installBundle("weft-test:vscc",
                    TestBundles.validationPlugin("test.vscc", "DefaultValidation", "1.0.0", 10));
            plugin.start();
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> updateFailure = new AtomicReference<>();
            Thread updater = new Thread(() -> {
                try {
                    for (int v = 2; !done.get(); v++) {
                        plugin.update(TestBundles.validationPlugin("test.vscc", "DefaultValidation", v + ".0.0", 10));
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    updateFailure.set(e);
                }
            });
            updater.start();
            Set<String> versions = new LinkedHashSet<>();
            List<CommittersProxy.Committed> stream = new ArrayList<>();
            try {
                for (int b = 0; b < 30; b++) {
                    List<Envelope> txs = new ArrayList<>();
                    for (int t = 0; t < 10; t++) {
                        txs.add(put("k" + b + "-" + t, true));
                    }
                    CommittersProxy.Committed c = committers.commit("mychannel", blocks.next(txs.toArray(Envelope[]::new)));
                    stream.add(c);
                    versions.add(c.validationPlugins().get("vscc"));
                }
            } finally {
                done.set(true);
                updater.join();
            }
            assertThat(updateFailure.get()).isNull();
            for (CommittersProxy.Committed c : stream) {
                assertThat(c.codes()).as("block %d", c.number()).hasSize(10).containsOnly("VALID");
                assertThat(c.validationPlugins()).as("block %d", c.number()).containsOnlyKeys("vscc");
            }
            assertThat(versions).as("blocks were judged by several versions of the updated bundle")
                    .anyMatch(v -> v.startsWith("test.vscc ")).hasSizeGreaterThan(1);

            // the test bundle leaves: DefaultValidation serves again, and it still refuses unendorsed writes
            plugin.uninstall();
            CommittersProxy.Committed after = committers.commit("mychannel", blocks.next(put("z", false), put("y", true)));
            assertThat(after.codes()).containsExactly("ENDORSEMENT_POLICY_FAILURE", "VALID");
            assertThat(after.validationPlugins().get("vscc")).startsWith("io.weft.validation-default ");
        }
    }
}
