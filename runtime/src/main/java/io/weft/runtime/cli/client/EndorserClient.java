package io.weft.runtime.cli.client;

import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

import com.google.protobuf.ByteString;

import io.weft.protoutil.Proposals;

/** The peer's {@code protos.Endorser} service as Fabric's CLI uses it for system chaincodes. */
public final class EndorserClient extends PeerClient {

    private final EndorserGrpc.EndorserBlockingStub stub;

    public EndorserClient(ClientEnvironment env) {
        super(env, "endorser");
        stub = EndorserGrpc.newBlockingStub(channel);
    }

    /** A channel-less proposal to {@code chaincode}, signed by the local MSP's identity, of header {@code type}. */
    public ProposalResponse invoke(HeaderType type, String chaincode, ByteString... args) {
        return invokeOn("", type, chaincode, args);
    }

    /** A proposal on {@code channelId} ({@code ""}: channel-less) to {@code chaincode}, signed by the local MSP. */
    public ProposalResponse invokeOn(String channelId, HeaderType type, String chaincode, ByteString... args) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                .processProposal(Proposals.signed(type.getNumber(), channelId, chaincode, env.signer(), args));
    }
}
