package io.weft.core.chaincode;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** {@code protos.ChaincodeSupport}: each {@code Register} stream gets its own {@link Handler}. */
final class ChaincodeSupportService extends ChaincodeSupportGrpc.ChaincodeSupportImplBase {

    private final HandlerRegistry registry;
    private final Executor executor;
    private final int totalQueryLimit;
    private final ChannelConfigs channels;
    private final Supplier<ChaincodeInvoker> invoker;

    ChaincodeSupportService(HandlerRegistry registry, Executor executor, int totalQueryLimit, ChannelConfigs channels,
            Supplier<ChaincodeInvoker> invoker) {
        this.invoker = invoker;
        this.registry = registry;
        this.executor = executor;
        this.totalQueryLimit = totalQueryLimit;
        this.channels = channels;
    }

    @Override
    public StreamObserver<ChaincodeMessage> register(StreamObserver<ChaincodeMessage> responseObserver) {
        Handler handler = new Handler(responseObserver, registry, executor, totalQueryLimit, channels, invoker);
        if (responseObserver instanceof ServerCallStreamObserver<ChaincodeMessage> call) {
            call.setOnCancelHandler(() -> handler.onError(new IllegalStateException("cancelled")));
        }
        return handler;
    }
}
