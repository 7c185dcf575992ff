package io.weft.orderer;

import java.util.concurrent.atomic.AtomicInteger;

import org.hyperledger.fabric.protos.orderer.BroadcastResponse;

import io.grpc.stub.ServerCallStreamObserver;

/** The server side of a Broadcast call without a transport: what a stream sends, and how many messages it asked for. */
final class RecordingCall extends ServerCallStreamObserver<BroadcastResponse> {

    final AtomicInteger requested = new AtomicInteger();
    final StreamResponses<BroadcastResponse> sent = new StreamResponses<>();
    volatile boolean autoRequestDisabled;

    @Override
    public void request(int count) {
        requested.addAndGet(count);
    }

    /** Waits up to 5 s for the stream to have asked for {@code count} messages in all (it asks after it answers). */
    void awaitRequested(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (requested.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Override
    public void disableAutoRequest() {
        autoRequestDisabled = true;
    }

    @Override
    public void disableAutoInboundFlowControl() {
        autoRequestDisabled = true;
    }

    @Override
    public void onNext(BroadcastResponse value) {
        sent.onNext(value);
    }

    @Override
    public void onError(Throwable t) {
        sent.onError(t);
    }

    @Override
    public void onCompleted() {
        sent.onCompleted();
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void setOnCancelHandler(Runnable onCancelHandler) {
    }

    @Override
    public void setCompression(String compression) {
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setOnReadyHandler(Runnable onReadyHandler) {
    }

    @Override
    public void setMessageCompression(boolean enable) {
    }
}
