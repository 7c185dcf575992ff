package io.weft.core.chaincode;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

/** A scripted chaincode: the test sends and expects each message of the Register stream. */
final class FakeChaincode implements AutoCloseable {

    final BlockingQueue<ChaincodeMessage> inbox = new LinkedBlockingQueue<>();
    /** Completes with null on a normal end, or the stream's error. */
    final CompletableFuture<Throwable> ended = new CompletableFuture<>();
    private final StreamObserver<ChaincodeMessage> out;
    private volatile ClientCallStreamObserver<ChaincodeMessage> call;

    FakeChaincode(ManagedChannel channel) {
        out = ChaincodeSupportGrpc.newStub(channel).register(new ClientResponseObserver<ChaincodeMessage, ChaincodeMessage>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<ChaincodeMessage> requestStream) {
                call = requestStream;
            }

            @Override
            public void onNext(ChaincodeMessage value) {
                inbox.add(value);
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(t);
            }

            @Override
            public void onCompleted() {
                ended.complete(null);
            }
        });
    }

    synchronized void send(ChaincodeMessage msg) {
        out.onNext(msg);
    }

    void send(ChaincodeMessage.Type type, String channel, String txid, Message payload) {
        send(ChaincodeMessage.newBuilder().setType(type).setChannelId(channel).setTxid(txid)
                .setPayload(payload == null ? ByteString.EMPTY : payload.toByteString()).build());
    }

    void register(String name) {
        send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTER)
                .setPayload(ChaincodeID.newBuilder().setName(name).build().toByteString()).build());
    }

    ChaincodeMessage next() throws InterruptedException {
        ChaincodeMessage m = inbox.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message from the peer");
        }
        return m;
    }

    /** Cancels the stream abruptly, as a chaincode process that dies. */
    void kill() {
        call.cancel("killed", null);
    }

    synchronized void finish() {
        out.onCompleted();
    }

    @Override
    public void close() {
        if (!ended.isDone()) {
            kill();
        }
    }
}
