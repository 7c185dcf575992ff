package io.weft.runtime.cli.chaincode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.slf4j.LoggerFactory;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.config.GoDuration;
import io.weft.protoutil.Proposals;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.BlockDeliveryClient;
import io.weft.runtime.cli.client.ClientEnvironment;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.client.OrdererEndpoint;
import io.weft.runtime.cli.client.TransactionSubmission;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.CtorOption;
import io.weft.runtime.cli.options.GoBoolConverter;
import io.weft.runtime.cli.options.PeerTargetOptions;
import io.weft.runtime.cli.options.WaitForEventTimeoutOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peer chaincode invoke}: the proposal endorsed by every target peer; a first answer of status 400 or more ends
 * it there ({@code endorsement failure during invoke. response: ...}, nothing ordered), otherwise the transaction goes
 * to the orderer ({@code -o}), its commit awaited with {@code --waitForEvent}, and Fabric's
 * {@code Chaincode invoke successful. result: status:200 ...} logged.
 */
@Command(name = "invoke", description = "Invoke the specified chaincode and commit the transaction.")
public final class ChaincodeInvokeCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private ChaincodeCommand parent;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private CtorOption ctor;

    @Option(names = {"-I", "--isInit"}, arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Call the chaincode's Init (legacy chaincode under the new lifecycle)")
    private boolean isInit;

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Mixin
    private PeerTargetOptions peers;

    @Option(names = "--waitForEvent", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Wait until each peer reports the transaction committed")
    private boolean waitForEvent;

    @Mixin
    private WaitForEventTimeoutOption waitTimeout;

    public ChaincodeInvokeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ChaincodeInvocationSpec invocation = ChaincodeCalls.invocation(channel.channelId(), name.name(),
                ctor.ctor(), isInit);
        var transientMap = ChaincodeCalls.transientMap(parent.transientMap());
        ClientEnvironment env = ClientEnvironment.load(context, Map.of(),
                spec.root().findOption("--logging-level").getValue());
        Proposal proposal = Proposals.create(HeaderType.ENDORSER_TRANSACTION_VALUE, channel.channelId(),
                invocation, env.signer().serialize(),
                transientMap);
        SignedProposal signed = Proposals.sign(proposal, env.signer());
        List<EndorserClient> endorsers = EndorserClient.forTargets(context, peers, spec);
        try {
            // as Fabric: the orderer is settled before the proposal goes out
            String address = OrdererEndpoint.resolve(parent.orderer(), endorsers.get(0), channel.channelId(),
                    "chaincodeCmd");
            List<ProposalResponse> responses = EndorserClient.endorseAll(endorsers, signed, "error endorsing invoke",
                    " - proposal response: <nil>");
            ProposalResponse first = responses.get(0);
            if (first.getResponse().getStatus() >= 400 || !first.hasEndorsement()) {
                throw new CliException("endorsement failure during invoke. response: "
                        + ChaincodeCalls.goText(first.getResponse()));
            }
            try (BlockDeliveryClient orderer = BlockDeliveryClient.toOrderer(env, parent.orderer(), address)) {
                TransactionSubmission.submit(env, orderer, endorsers, channel.channelId(), Proposals.txId(proposal), proposal,
                        responses, waitForEvent, GoDuration.parse(waitTimeout.waitForEventTimeout()));
            }
            LoggerFactory.getLogger("chaincodeCmd").info("Chaincode invoke successful. result: {}",
                    ChaincodeCalls.goText(chaincodeResponse(first)));
            return 0;
        } finally {
            endorsers.forEach(EndorserClient::close);
        }
    }

    /** The chaincode's own response, from the endorsed action (what Fabric prints). */
    private static org.hyperledger.fabric.protos.peer.Response chaincodeResponse(ProposalResponse r) {
        try {
            return ChaincodeAction.parseFrom(ProposalResponsePayload.parseFrom(r.getPayload()).getExtension())
                    .getResponse();
        } catch (InvalidProtocolBufferException e) {
            throw new CliException("error while unmarshalling chaincode action: " + e.getMessage(), e);
        }
    }
}
