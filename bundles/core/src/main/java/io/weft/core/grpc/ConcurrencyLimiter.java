package io.weft.core.grpc;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Fabric's {@code peer.limits.concurrency}: at most N calls (unary or streaming) of a gRPC service
 * in flight; one more is refused at once with Fabric's message, never queued.
 */
final class ConcurrencyLimiter implements ServerInterceptor {

    private volatile Map<String, Semaphore> limits = Map.of();
    private volatile Map<String, Integer> sizes = Map.of();

    /** Limits by fully-qualified service name ({@code protos.Endorser}); 0 means unlimited. */
    void configure(Map<String, Integer> limitsByService) {
        Map<String, Semaphore> next = new java.util.HashMap<>();
        Map<String, Integer> nextSizes = new java.util.HashMap<>();
        limitsByService.forEach((service, limit) -> {
            if (limit > 0) {
                next.put(service, new Semaphore(limit));
                nextSizes.put(service, limit);
            }
        });
        sizes = Map.copyOf(nextSizes);
        limits = Map.copyOf(next);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String service = call.getMethodDescriptor().getServiceName();
        Semaphore permits = limits.get(service);
        if (permits == null) {
            return next.startCall(call, headers);
        }
        if (!permits.tryAcquire()) {
            call.close(Status.UNKNOWN.withDescription("too many requests for /" + service + ", exceeding concurrency limit ("
                    + sizes.get(service) + ")"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
        try {
            return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
                @Override
                public void onComplete() {
                    release.run();
                    super.onComplete();
                }

                @Override
                public void onCancel() {
                    release.run();
                    super.onCancel();
                }
            };
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }
}
