package io.weft.api.node;

/**
 * How a bundle contributes a gRPC service to one of the peer's servers: register the service's
 * {@code io.grpc.BindableService} (or {@code io.grpc.ServerServiceDefinition}) with
 * {@link #SERVER} set to {@link #PEER} or {@link #CHAINCODE}. The server adds it while running and
 * removes it when the service goes away; calls in flight finish on the old implementation.
 */
public final class GrpcServices {

    /** Service property naming the server the service joins. */
    public static final String SERVER = "weft.grpc.server";

    /** The peer's main listener ({@code peer.listenAddress}). */
    public static final String PEER = "peer";

    /** The chaincode listener ({@code peer.chaincodeListenAddress}). */
    public static final String CHAINCODE = "chaincode";

    /**
     * Service property ({@code Boolean.TRUE}): the service's handlers never wait for other calls or for long, so
     * its calls run on the server's work-stealing pool of one thread per processor instead of its cached pool. A
     * handler that may still block now and then marks that wait with {@code io.weft.comm.Blocking}.
     */
    public static final String NON_BLOCKING = "weft.grpc.nonBlocking";

    private GrpcServices() {
    }
}
