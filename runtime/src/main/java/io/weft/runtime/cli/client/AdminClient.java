package io.weft.runtime.cli.client;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.MessageLite;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.AdminGrpc;
import org.hyperledger.fabric.protos.peer.AdminOperation;

import io.weft.protoutil.Envelopes;

/**
 * The peer's {@code protos.Admin} service as Fabric 1.4's CLI uses it: every request is a
 * PEER_ADMIN_OPERATION envelope signed by the local MSP's identity.
 */
public final class AdminClient extends PeerClient {

    /** Fabric 1.4's {@code HeaderType.PEER_ADMIN_OPERATION}. */
    static final int PEER_ADMIN_OPERATION = 8;

    private final AdminGrpc.AdminBlockingStub stub;

    public AdminClient(ClientEnvironment env) {
        super(env, "admin");
        stub = AdminGrpc.newBlockingStub(channel);
    }

    /** The stub with a fresh deadline. */
    public AdminGrpc.AdminBlockingStub stub() {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** {@code operation} wrapped and signed for the Admin service. */
    public Envelope envelope(MessageLite operation) {
        return Envelopes.signed(PEER_ADMIN_OPERATION, "", env.signer(), operation);
    }

    /** An empty operation (status, revert, get spec). */
    public Envelope envelope() {
        return envelope(AdminOperation.getDefaultInstance());
    }
}
