package io.weft.runtime.cli.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import com.google.protobuf.ByteString;

import io.weft.protoutil.Proposals;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Model.CommandSpec;

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

    /**
     * Connects to the peer {@code peers} name ({@code --peerAddresses}, {@code --tlsRootCertFiles}), else the one of
     * {@code CORE_PEER_ADDRESS}, with the client settings of {@code core.yaml} and the local MSP as signer.
     */
    public static EndorserClient forTarget(CliContext context, PeerTargetOptions peers, CommandSpec spec) {
        Map<String, String> overrides = new HashMap<>();
        if (!peers.peerAddresses().isEmpty()) {
            overrides.put("peer.address", peers.peerAddresses().get(0));
        }
        if (!peers.tlsRootCertFiles().isEmpty()) {
            overrides.put("peer.tls.rootcert.file", peers.tlsRootCertFiles().get(0));
        }
        return new EndorserClient(ClientEnvironment.load(context, overrides,
                spec.root().findOption("--logging-level").getValue()));
    }

    /**
     * One client per {@code --peerAddresses} (with the {@code --tlsRootCertFiles} of the same position), or the peer
     * of {@code CORE_PEER_ADDRESS} when none is given: the endorsers of a transaction.
     */
    public static List<EndorserClient> forTargets(CliContext context, PeerTargetOptions peers, CommandSpec spec) {
        List<String> addresses = peers.peerAddresses();
        if (addresses.size() <= 1) {
            return List.of(forTarget(context, peers, spec));
        }
        List<EndorserClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < addresses.size(); i++) {
                Map<String, String> overrides = new HashMap<>();
                overrides.put("peer.address", addresses.get(i));
                if (i < peers.tlsRootCertFiles().size()) {
                    overrides.put("peer.tls.rootcert.file", peers.tlsRootCertFiles().get(i));
                }
                clients.add(new EndorserClient(ClientEnvironment.load(context, overrides,
                        spec.root().findOption("--logging-level").getValue())));
            }
            return clients;
        } catch (RuntimeException e) {
            clients.forEach(EndorserClient::close);
            throw e;
        }
    }

    /**
     * The same signed proposal to every endorser, in order.
     *
     * @param failure how a failed call is worded: {@code <failure>: rpc error: ...<suffix>}
     */
    public static List<ProposalResponse> endorseAll(List<EndorserClient> endorsers, SignedProposal proposal,
            String failure, String suffix) {
        List<ProposalResponse> responses = new java.util.ArrayList<>();
        for (EndorserClient endorser : endorsers) {
            try {
                responses.add(endorser.send(proposal));
            } catch (io.grpc.StatusRuntimeException e) {
                throw new io.weft.runtime.cli.CliException(failure + ": " + RpcErrors.describe(e) + suffix, e);
            }
        }
        return responses;
    }

    /** The local MSP's serialized identity, as proposals carry it. */
    public ByteString creator() {
        return env.signer().serialize();
    }

    /** Signs {@code proposal} with the local MSP and sends it. */
    public ProposalResponse send(Proposal proposal) {
        return send(Proposals.sign(proposal, env.signer()));
    }

    /** Sends a signed proposal (the same one to every endorser of a transaction). */
    public ProposalResponse send(SignedProposal proposal) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).processProposal(proposal);
    }

    /** A proposal on {@code channelId} ({@code ""}: channel-less) to {@code chaincode}, signed by the local MSP. */
    public ProposalResponse invokeOn(String channelId, HeaderType type, String chaincode, ByteString... args) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                .processProposal(Proposals.signed(type.getNumber(), channelId, chaincode, env.signer(), args));
    }
}
