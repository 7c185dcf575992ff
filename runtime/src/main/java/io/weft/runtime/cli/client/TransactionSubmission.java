package io.weft.runtime.cli.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.weft.protoutil.DeliverSeeks;
import io.weft.protoutil.Transactions;
import io.weft.runtime.cli.CliException;

/**
 * The second half of a Fabric CLI transaction ({@code peer lifecycle chaincode approveformyorg|commit},
 * {@code peer chaincode invoke}): the endorsements assembled into a signed transaction, the peers' DeliverFiltered
 * streams opened first when the command waits for the event, the transaction broadcast to the orderer, then each
 * peer's verdict on the transaction awaited — Fabric's {@code transaction invalidated with status (CODE)} when it is
 * not VALID, {@code timed out waiting for txid on all peers} after {@code --waitForEventTimeout}.
 */
public final class TransactionSubmission {

    private TransactionSubmission() {
    }

    /**
     * @param peers the endorsers, which also report the commit when {@code waitForEvent}
     * @param txId the proposal's transaction ID
     */
    public static void submit(ClientEnvironment env, BlockDeliveryClient orderer, List<EndorserClient> peers,
            String channelId, String txId, Proposal proposal, List<ProposalResponse> responses, boolean waitForEvent,
            Duration timeout) {
        Envelope tx;
        try {
            tx = Transactions.createSignedTx(proposal, env.signer(), responses);
        } catch (RuntimeException e) {
            throw new CliException("failed to create signed transaction: " + e.getMessage(), e);
        }
        List<CompletableFuture<Void>> verdicts = new ArrayList<>();
        List<ClientCallStreamObserver<Envelope>> streams = new ArrayList<>();
        try {
            if (waitForEvent) {
                for (EndorserClient peer : peers) {
                    verdicts.add(watch(env, peer, channelId, txId, streams));
                }
            }
            try {
                orderer.broadcast(tx);
            } catch (CliException e) {
                throw new CliException("failed to send transaction: " + e.getMessage(), e);
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(verdicts.toArray(CompletableFuture[]::new));
            try {
                all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new CliException("timed out waiting for txid on all peers", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof CliException c ? c : new CliException(e.getCause().getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted waiting for txid", e);
            }
        } finally {
            streams.forEach(s -> s.cancel("done", null));
        }
    }

    /** Opens DeliverFiltered from the newest block on; completes when {@code txId} shows up with its code. */
    private static CompletableFuture<Void> watch(ClientEnvironment env, EndorserClient peer, String channelId,
            String txId, List<ClientCallStreamObserver<Envelope>> streams) {
        CompletableFuture<Void> verdict = new CompletableFuture<>();
        var requests = DeliverGrpc.newStub(peer.channel).deliverFiltered(
                new ClientResponseObserver<Envelope, DeliverResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<Envelope> requestStream) {
                        streams.add(requestStream);
                    }

                    @Override
                    public void onNext(DeliverResponse r) {
                        if (!r.hasFilteredBlock()) {
                            verdict.completeExceptionally(new CliException("error receiving from deliver filtered at "
                                    + peer.address() + ": deliver completed with status (" + r.getStatus()
                                    + ") before txid received"));
                            return;
                        }
                        for (FilteredTransaction ft : r.getFilteredBlock().getFilteredTransactionsList()) {
                            if (ft.getTxid().equals(txId)) {
                                LoggerFactory.getLogger("cli.lifecycle.chaincode").info(
                                        "txid [{}] committed with status ({}) at {}", txId, ft.getTxValidationCode(),
                                        peer.address());
                                if (ft.getTxValidationCode() != TxValidationCode.VALID) {
                                    verdict.completeExceptionally(new CliException(
                                            "transaction invalidated with status (" + ft.getTxValidationCode() + ")"));
                                } else {
                                    verdict.complete(null);
                                }
                            }
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        verdict.completeExceptionally(new CliException("error receiving from deliver filtered at "
                                + peer.address() + ": " + t.getMessage(), t));
                    }

                    @Override
                    public void onCompleted() {
                        verdict.completeExceptionally(new CliException("error receiving from deliver filtered at "
                                + peer.address() + ": EOF"));
                    }
                });
        requests.onNext(DeliverSeeks.onward(channelId, env.signer(), DeliverSeeks.newest(), ByteString.EMPTY));
        return verdict;
    }
}
