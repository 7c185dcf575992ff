package io.weft.core.chaincode;

import java.security.cert.X509Certificate;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.weft.core.grpc.ClientCertificateInterceptor;

/** {@code protos.ChaincodeSupport}: each {@code Register} stream gets its own {@link Handler}. */
final class ChaincodeSupportService extends ChaincodeSupportGrpc.ChaincodeSupportImplBase {

    private final HandlerRegistry registry;
    private final Executor executor;
    private final int totalQueryLimit;
    private final ChannelConfigs channels;
    private final Supplier<ChaincodeInvoker> invoker;
    private volatile ChaincodeAuthenticator authenticator;

    ChaincodeSupportService(HandlerRegistry registry, Executor executor, int totalQueryLimit, ChannelConfigs channels,
            Supplier<ChaincodeInvoker> invoker) {
        this.invoker = invoker;
        this.registry = registry;
        this.executor = executor;
        this.totalQueryLimit = totalQueryLimit;
        this.channels = channels;
    }

    /** With TLS on, only chaincodes with the client certificate the peer issued them may register. */
    void authenticateWith(ChaincodeAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public StreamObserver<ChaincodeMessage> register(StreamObserver<ChaincodeMessage> responseObserver) {
        ChaincodeAuthenticator auth = authenticator;
        Handler.Admission admission = Handler.Admission.ANY;
        if (auth != null) {
            X509Certificate presented = ClientCertificateInterceptor.CLIENT_CERTIFICATE.get();
            admission = first -> auth.authenticate(first, presented);
        }
        Handler handler = new Handler(responseObserver, registry, executor, totalQueryLimit, channels, invoker,
                admission);
        if (responseObserver instanceof ServerCallStreamObserver<ChaincodeMessage> call) {
            call.setOnCancelHandler(() -> handler.onError(new IllegalStateException("cancelled")));
        }
        return handler;
    }
}
