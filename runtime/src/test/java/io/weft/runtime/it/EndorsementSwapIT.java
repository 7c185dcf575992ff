package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.weft.core.committer.CommitterFixtures;
import io.weft.protoutil.Proposals;
import io.weft.runtime.it.plugins.MarkedEndorsementFactory;

/**
 * The endorsement plugin updated in place 20 times while proposals flow from four clients: no proposal fails, every
 * response carries exactly one endorsement, valid for the peer's identity, signed by exactly one plugin version.
 */
class EndorsementSwapIT {

    @TempDir
    Path work;

    @Test
    void twentyUpdatesOfTheEndorsementPluginUnderLoadFailNoProposal() throws Exception {
        CommitterFixtures fx = CommitterFixtures.get();
        int port = FreePorts.next();
        Map<String, String> overrides = Map.of("peer.mspConfigPath", Vectors.org1PeerMsp().toString(),
                "peer.localMspId", "Org1MSP", "peer.listenAddress", "127.0.0.1:" + port);
        try (InProcessPeer peer = new InProcessPeer(work, overrides)) {
            new CommittersProxy(peer.context()).join(fx.genesis.toByteArray());
            Bundle plugin = peer.context().installBundle("weft-test:escc",
                    TestBundles.markedEndorsementPlugin("test.escc", "DefaultEndorsement", "1.0.0", 10));
            plugin.start();

            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            EndorserGrpc.EndorserBlockingStub endorser = EndorserGrpc.newBlockingStub(channel);
            AtomicBoolean done = new AtomicBoolean();
            List<ProposalResponse> responses = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                running.add(clients.submit(() -> {
                    while (!done.get()) {
                        try {
                            responses.add(endorser.withDeadlineAfter(30, TimeUnit.SECONDS).processProposal(
                                    Proposals.signed(HeaderType.ENDORSER_TRANSACTION_VALUE, "mychannel", "qscc", fx.user1,
                                            ByteString.copyFromUtf8("GetChainInfo"), ByteString.copyFromUtf8("mychannel"))));
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            try {
                for (int v = 2; v <= 21; v++) {
                    Thread.sleep(150);
                    plugin.update(TestBundles.markedEndorsementPlugin("test.escc", "DefaultEndorsement", v + ".0.0", 10));
                }
                Thread.sleep(150);
            } finally {
                done.set(true);
                for (Future<?> f : running) {
                    f.get(60, TimeUnit.SECONDS);
                }
                clients.shutdown();
                channel.shutdownNow();
            }

            assertThat(failures).as("failed proposals").isEmpty();
            assertThat(responses).hasSizeGreaterThan(40);
            Set<String> versions = ConcurrentHashMap.newKeySet();
            for (ProposalResponse r : responses) {
                assertThat(r.getResponse().getStatus()).isEqualTo(200);
                assertThat(fx.peer1.serialize()).isEqualTo(r.getEndorsement().getEndorser());
                fx.peer1.verify(r.getPayload().concat(r.getEndorsement().getEndorser()).toByteArray(),
                        r.getEndorsement().getSignature().toByteArray());
                var marks = r.getEndorsement().getUnknownFields().getField(MarkedEndorsementFactory.VERSION_FIELD)
                        .getLengthDelimitedList();
                // the default plugin (no mark) serves during the gaps of an update; never two marks
                assertThat(marks).hasSizeLessThanOrEqualTo(1);
                versions.add(marks.isEmpty() ? "io.weft.endorsement-default" : marks.get(0).toStringUtf8());
            }
            assertThat(versions).as("responses were signed by several versions of the updated bundle")
                    .anyMatch(v -> v.endsWith(".0.0")).hasSizeGreaterThan(2);
        }
    }
}
