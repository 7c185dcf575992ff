package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.MspSigningIdentity;
import io.weft.msp.Msps;
import io.weft.protoutil.Proposals;
import io.weft.protoutil.Transactions;

/**
 * Issue 8's crash test: the dev network is killed with SIGKILL while transactions flow (each an approval of its own
 * chaincode name, endorsed and broadcast, many awaiting the orderer's answer at once), then started again: the peer
 * catches up with the orderer, every transaction the peer had reported committed before the kill is still in its
 * ledger as VALID, and no transaction the orderer acknowledged is missing — a Broadcast SUCCESS means the block holding
 * it was stored.
 */
class DevNetworkCrashIT {

    /** Transactions awaiting the orderer's answer at once: blocks hold many, as under load. */
    private static final int UNANSWERED = 32;

    @TempDir
    Path work;

    @Test
    void killedWhileTransactionsFlowTheNetworkRestartsCaughtUpWithEveryAcknowledgedTransaction() throws Exception {
        DevNode node = DevNode.start(work, work.resolve("dev.log"), "--dev-tls=false");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<String> committedBeforeKill = new java.util.ArrayList<>();
        MspSigningIdentity admin;
        try {
            node.awaitExports();
            admin = Msps.loadLocal(LocalMspSettings.of(work.resolve("weft-dev/crypto-config/peerOrganizations/"
                    + "org1.example.com/users/Admin@org1.example.com/msp"), "Org1MSP")).signingIdentity();
            List<String> committed = new CopyOnWriteArrayList<>();
            ManagedChannel events = NettyChannelBuilder.forAddress("127.0.0.1", 7051).usePlaintext().build();
            watchCommits(events, admin, committed);
            AtomicBoolean flowing = new AtomicBoolean(true);
            Thread client = new Thread(() -> submitUntilStopped(admin, acknowledged, flowing), "crash-it-client");
            client.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (committed.size() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(committed).as("transactions committed before the kill").hasSizeGreaterThanOrEqualTo(40);
            node.kill(); // SIGKILL, transactions in flight
            flowing.set(false);
            client.join(30_000);
            events.shutdownNow();
            committedBeforeKill.addAll(committed);
        } finally {
            node.kill();
        }

        try (DevNode again = DevNode.start(work, work.resolve("dev2.log"), "--dev-tls=false")) {
            again.awaitExports();
            ManagedChannel peer = NettyChannelBuilder.forAddress("127.0.0.1", 7051).usePlaintext().build();
            try {
                EndorserGrpc.EndorserBlockingStub endorser = EndorserGrpc.newBlockingStub(peer);
                long ordererHeight = ordererHeight();
                Instant until = Instant.now().plusSeconds(60);
                while (peerHeight(endorser, admin) < ordererHeight && Instant.now().isBefore(until)) {
                    Thread.sleep(200);
                }
                assertThat(peerHeight(endorser, admin)).as("the peer caught up with the orderer")
                        .isGreaterThanOrEqualTo(ordererHeight);
                for (String txId : committedBeforeKill) {
                    ProposalResponse r = transaction(endorser, admin, txId);
                    assertThat(r.getResponse().getStatus()).as("committed before the kill %s: %s", txId,
                            r.getResponse().getMessage()).isEqualTo(200);
                    assertThat(ProcessedTransaction.parseFrom(r.getResponse().getPayload()).getValidationCode())
                            .isEqualTo(TxValidationCode.VALID_VALUE);
                }
                List<String> missing = acknowledged.stream()
                        .filter(txId -> transaction(endorser, admin, txId).getResponse().getStatus() != 200).toList();
                assertThat(peerHeight(endorser, admin)).isEqualTo(ordererHeight());
                System.out.printf("crash: %d acknowledged, %d seen committed before the kill, %d acknowledged and "
                        + "missing%n", acknowledged.size(), committedBeforeKill.size(), missing.size());
                assertThat(missing).as("acknowledged by the orderer, missing after the restart").isEmpty();
            } finally {
                peer.shutdownNow();
            }
        }
    }

    /**
     * Approvals of cc-0, cc-1, ... on one Broadcast stream, up to {@link #UNANSWERED} awaiting the orderer's answer
     * (answers come in order); a txid is kept once the orderer answered SUCCESS.
     */
    private static void submitUntilStopped(MspSigningIdentity admin, List<String> acknowledged, AtomicBoolean flowing) {
        ManagedChannel peer = NettyChannelBuilder.forAddress("127.0.0.1", 7051).usePlaintext().build();
        ManagedChannel orderer = NettyChannelBuilder.forAddress("127.0.0.1", 7050).usePlaintext().build();
        Queue<String> unanswered = new ConcurrentLinkedQueue<>();
        Semaphore room = new Semaphore(UNANSWERED);
        AtomicBoolean streamOpen = new AtomicBoolean(true);
        StreamObserver<Envelope> broadcast = AtomicBroadcastGrpc.newStub(orderer).broadcast(new StreamObserver<>() {
            @Override
            public void onNext(BroadcastResponse r) {
                String txId = unanswered.remove();
                if (r.getStatus() == Status.SUCCESS) {
                    acknowledged.add(txId);
                } else {
                    streamOpen.set(false);
                }
                room.release();
            }

            @Override
            public void onError(Throwable t) {
                ended();
            }

            @Override
            public void onCompleted() {
                ended();
            }

            private void ended() {
                streamOpen.set(false);
                room.release(UNANSWERED); // the sender must not wait for answers that will not come
            }
        });
        try {
            EndorserGrpc.EndorserBlockingStub endorser = EndorserGrpc.newBlockingStub(peer);
            for (int i = 0; flowing.get() && streamOpen.get(); i++) {
                SignedProposal sp = Proposals.signed(HeaderType.ENDORSER_TRANSACTION_VALUE, "mychannel", "_lifecycle",
                        admin, ByteString.copyFromUtf8("ApproveChaincodeDefinitionForMyOrg"),
                        ApproveChaincodeDefinitionForMyOrgArgs.newBuilder().setName("cc-" + i).setVersion("1.0")
                                .setSequence(1).build().toByteString());
                ProposalResponse r = endorser.withDeadlineAfter(10, TimeUnit.SECONDS).processProposal(sp);
                Proposal proposal = Proposal.parseFrom(sp.getProposalBytes());
                if (!room.tryAcquire(10, TimeUnit.SECONDS)) {
                    return;
                }
                unanswered.add(Proposals.txId(proposal));
                broadcast.onNext(Transactions.createSignedTx(proposal, admin, List.of(r)));
            }
        } catch (Exception e) {
            // the node was killed under the client: what was acknowledged is what counts
        } finally {
            peer.shutdownNow();
            orderer.shutdownNow();
        }
    }

    private static ProposalResponse transaction(EndorserGrpc.EndorserBlockingStub endorser, MspSigningIdentity admin,
            String txId) {
        return endorser.withDeadlineAfter(10, TimeUnit.SECONDS).processProposal(Proposals.signed(
                HeaderType.ENDORSER_TRANSACTION_VALUE, "mychannel", "qscc", admin,
                ByteString.copyFromUtf8("GetTransactionByID"), ByteString.copyFromUtf8("mychannel"),
                ByteString.copyFromUtf8(txId)));
    }

    /** The txids the peer reports committed VALID on DeliverFiltered, from the newest block on. */
    private static void watchCommits(ManagedChannel peer, MspSigningIdentity admin, List<String> committed) {
        org.hyperledger.fabric.protos.peer.DeliverGrpc.newStub(peer).deliverFiltered(new StreamObserver<>() {
            @Override
            public void onNext(org.hyperledger.fabric.protos.peer.DeliverResponse r) {
                r.getFilteredBlock().getFilteredTransactionsList().stream()
                        .filter(t -> t.getTxValidationCode() == TxValidationCode.VALID)
                        .forEach(t -> committed.add(t.getTxid()));
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        }).onNext(io.weft.protoutil.DeliverSeeks.onward("mychannel", admin, io.weft.protoutil.DeliverSeeks.newest(),
                ByteString.EMPTY));
    }

    private static long peerHeight(EndorserGrpc.EndorserBlockingStub endorser, MspSigningIdentity admin)
            throws Exception {
        ProposalResponse r = endorser.withDeadlineAfter(10, TimeUnit.SECONDS).processProposal(Proposals.signed(
                HeaderType.ENDORSER_TRANSACTION_VALUE, "mychannel", "qscc", admin,
                ByteString.copyFromUtf8("GetChainInfo"), ByteString.copyFromUtf8("mychannel")));
        return BlockchainInfo.parseFrom(r.getResponse().getPayload()).getHeight();
    }

    private static long ordererHeight() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:7053/participation/v1/channels/mychannel")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"height\":(\\d+)").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
