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

    private GrpcServices() {
    }
}
