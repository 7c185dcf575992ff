package io.weft.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.weft.msp.MspSigningIdentity;
import io.weft.protoutil.DeliverSeeks;
import io.weft.protoutil.Proposals;
import io.weft.protoutil.Transactions;

/**
 * The load generator's e2e mode, as a Fabric client submits: each proposal endorsed by the peer, the transaction
 * assembled and signed, sent on one Broadcast stream to the orderer, and counted as done when the peer's
 * DeliverFiltered stream reports it committed (with its validation code). At most C proposals are being endorsed
 * at a time (C clients, as in the endorse mode); a client whose endorsement came back hands the transaction to the
 * Broadcast stream and goes on, as a gateway client's asynchronous submit does. At most W transactions are submitted
 * and not yet seen committed (the window), so the generator cannot run ahead of what the network commits and latency
 * is not queueing inside the generator. Weft's orderer acknowledges a message once the block holding it is stored
 * (Fabric's solo acknowledges on enqueue), so a client that waited for that acknowledgement would see blocks cut by
 * the {@code BatchTimeout} with only C transactions each; the window leaves the orderer room to fill its batches.
 * Latency runs from the proposal sent to the commit seen.
 */
final class EndToEnd {

    record Result(long[] latencies, int committed, int failed, Map<String, Integer> codes, String firstFailure,
            long wallNanos) {
    }

    private final EndorserGrpc.EndorserFutureStub endorser;
    private final ManagedChannel peer;
    private final ManagedChannel orderer;
    private final MspSigningIdentity signer;
    private final String channelId;

    EndToEnd(ManagedChannel peer, ManagedChannel orderer, MspSigningIdentity signer, String channelId) {
        this.peer = peer;
        this.endorser = EndorserGrpc.newFutureStub(peer);
        this.orderer = orderer;
        this.signer = signer;
        this.channelId = channelId;
    }

    Result run(List<SignedProposal> proposals, int c, int window) throws InterruptedException {
        int n = proposals.size();
        Semaphore endorsing = new Semaphore(c);
        Semaphore uncommitted = new Semaphore(window);
        CountDownLatch done = new CountDownLatch(n);
        long[] latencies = new long[n];
        Map<String, Integer> indexByTxId = new ConcurrentHashMap<>();
        long[] sentAt = new long[n];
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        String[] firstFailure = new String[1];
        ConcurrentLinkedQueue<Integer> awaitingAck = new ConcurrentLinkedQueue<>();

        class Outcome {
            void fail(int index, String why) {
                synchronized (firstFailure) {
                    if (firstFailure[0] == null) {
                        firstFailure[0] = why;
                    }
                }
                failed.incrementAndGet();
                latencies[index] = System.nanoTime() - sentAt[index];
                uncommitted.release();
                done.countDown();
            }
        }
        Outcome outcome = new Outcome();

        // the peer's verdicts, from the newest block on
        StreamObserver<Envelope> events = DeliverGrpc.newStub(peer).deliverFiltered(new StreamObserver<>() {
            @Override
            public void onNext(DeliverResponse r) {
                for (FilteredTransaction ft : r.getFilteredBlock().getFilteredTransactionsList()) {
                    Integer index = indexByTxId.remove(ft.getTxid());
                    if (index == null) {
                        continue;
                    }
                    latencies[index] = System.nanoTime() - sentAt[index];
                    codes.merge(ft.getTxValidationCode().name(), 1, Integer::sum);
                    committed.incrementAndGet();
                    uncommitted.release();
                    done.countDown();
                }
            }

            @Override
            public void onError(Throwable t) {
                System.err.println("deliver filtered ended: " + t);
            }

            @Override
            public void onCompleted() {
            }
        });
        events.onNext(DeliverSeeks.onward(channelId, signer, DeliverSeeks.newest(), ByteString.EMPTY));

        StreamObserver<Envelope> broadcast = AtomicBroadcastGrpc.newStub(orderer).broadcast(new StreamObserver<>() {
            @Override
            public void onNext(BroadcastResponse r) {
                Integer index = awaitingAck.poll();
                if (index == null) {
                    return;
                }
                if (r.getStatus() != Status.SUCCESS) {
                    indexByTxId.values().remove(index);
                    outcome.fail(index, "broadcast " + r.getStatus() + " " + r.getInfo());
                }
            }

            @Override
            public void onError(Throwable t) {
                System.err.println("broadcast stream ended: " + t);
            }

            @Override
            public void onCompleted() {
            }
        });

        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            uncommitted.acquire();
            endorsing.acquire();
            int index = i;
            SignedProposal sp = proposals.get(i);
            Proposal proposal;
            try {
                proposal = Proposal.parseFrom(sp.getProposalBytes());
                indexByTxId.put(Proposals.txId(proposal), index);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
            sentAt[index] = System.nanoTime();
            Futures.addCallback(endorser.processProposal(sp), new FutureCallback<ProposalResponse>() {
                @Override
                public void onSuccess(ProposalResponse r) {
                    endorsing.release();
                    if (r.getResponse().getStatus() != 200 || !r.hasEndorsement()) {
                        indexByTxId.values().remove(index);
                        outcome.fail(index, "endorsement " + r.getResponse().getStatus() + " "
                                + r.getResponse().getMessage());
                        return;
                    }
                    Envelope tx = Transactions.createSignedTx(proposal, signer, List.of(r));
                    synchronized (broadcast) { // one stream: sends in order, acknowledged in order
                        awaitingAck.add(index);
                        broadcast.onNext(tx);
                    }
                }

                @Override
                public void onFailure(Throwable t) {
                    endorsing.release();
                    indexByTxId.values().remove(index);
                    outcome.fail(index, "endorsement " + t);
                }
            }, MoreExecutors.directExecutor());
        }
        boolean all = done.await(10, TimeUnit.MINUTES);
        long wall = System.nanoTime() - start;
        synchronized (broadcast) {
            broadcast.onCompleted();
        }
        events.onCompleted();
        if (!all) {
            firstFailure[0] = (firstFailure[0] == null ? "" : firstFailure[0] + "; ") + done.getCount()
                    + " transactions not seen committed in 10 min";
        }
        return new Result(latencies, committed.get(), failed.get(), Map.copyOf(codes), firstFailure[0], wall);
    }
}
