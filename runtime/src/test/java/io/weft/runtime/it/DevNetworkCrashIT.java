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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
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
 * chaincode name, endorsed and broadcast), then started again: the peer catches up with the orderer, every transaction
 * the peer had reported committed before the kill is still in its ledger as VALID, and every transaction the orderer
 * acknowledged is either in the ledger or was never written by the orderer (a batch still pending at the kill: solo's
 * Broadcast acknowledgement, as Fabric's, is not a durability promise — see the README).
 */
class DevNetworkCrashIT {

    @TempDir
    Path work;

    @Test
    void killedWhileTransactionsFlowTheNetworkRestartsCaughtUpWithEveryCommittedTransaction() throws Exception {
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
                // an acknowledged transaction the ledger lacks was in no block the orderer wrote: the two agree
                long missing = 0;
                for (String txId : acknowledged) {
                    if (transaction(endorser, admin, txId).getResponse().getStatus() != 200) {
                        missing++;
                    }
                }
                assertThat(peerHeight(endorser, admin)).isEqualTo(ordererHeight());
                System.out.printf("crash: %d acknowledged, %d seen committed before the kill, %d acknowledged but "
                        + "still pending in the orderer's batch at the kill%n", acknowledged.size(),
                        committedBeforeKill.size(), missing);
            } finally {
                peer.shutdownNow();
            }
        }
    }

    /** Approvals of cc-0, cc-1, ... one at a time; a txid is kept once the orderer answered SUCCESS. */
    private static void submitUntilStopped(MspSigningIdentity admin, List<String> acknowledged, AtomicBoolean flowing) {
        ManagedChannel peer = NettyChannelBuilder.forAddress("127.0.0.1", 7051).usePlaintext().build();
        ManagedChannel orderer = NettyChannelBuilder.forAddress("127.0.0.1", 7050).usePlaintext().build();
        LinkedBlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        StreamObserver<Envelope> broadcast = AtomicBroadcastGrpc.newStub(orderer).broadcast(new StreamObserver<>() {
            @Override
            public void onNext(BroadcastResponse r) {
                answers.add(r);
            }

            @Override
            public void onError(Throwable t) {
                answers.add(t);
            }

            @Override
            public void onCompleted() {
                answers.add(Boolean.TRUE);
            }
        });
        try {
            EndorserGrpc.EndorserBlockingStub endorser = EndorserGrpc.newBlockingStub(peer);
            for (int i = 0; flowing.get(); i++) {
                SignedProposal sp = Proposals.signed(HeaderType.ENDORSER_TRANSACTION_VALUE, "mychannel", "_lifecycle",
                        admin, ByteString.copyFromUtf8("ApproveChaincodeDefinitionForMyOrg"),
                        ApproveChaincodeDefinitionForMyOrgArgs.newBuilder().setName("cc-" + i).setVersion("1.0")
                                .setSequence(1).build().toByteString());
                ProposalResponse r = endorser.withDeadlineAfter(10, TimeUnit.SECONDS).processProposal(sp);
                Proposal proposal = Proposal.parseFrom(sp.getProposalBytes());
                broadcast.onNext(Transactions.createSignedTx(proposal, admin, List.of(r)));
                Object answer = answers.poll(10, TimeUnit.SECONDS);
                if (answer instanceof BroadcastResponse b && b.getStatus() == Status.SUCCESS) {
                    acknowledged.add(Proposals.txId(proposal));
                } else {
                    return;
                }
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
