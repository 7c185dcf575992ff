package io.weft.runtime.cli.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import io.weft.config.GoDuration;
import io.weft.protoutil.Proposals;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.BlockDeliveryClient;
import io.weft.runtime.cli.client.ClientEnvironment;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.client.OrdererEndpoint;
import io.weft.runtime.cli.client.TransactionSubmission;
import io.weft.runtime.cli.options.LifecycleDefinitionOptions;
import io.weft.runtime.cli.options.LifecycleWaitOptions;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A {@code peer lifecycle chaincode} verb that orders a transaction ({@code approveformyorg}, {@code commit}): the
 * definition's flags checked first, one {@code _lifecycle} proposal endorsed by every target peer, then the
 * transaction sent to the orderer ({@code -o}) and, unless {@code --waitForEvent=false}, its commit awaited on the
 * peers.
 */
abstract class LifecycleTransactionCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private LifecycleChaincodeCommand parent;

    @Mixin
    LifecycleDefinitionOptions definition;

    @Mixin
    private PeerTargetOptions peers;

    @Mixin
    private LifecycleWaitOptions waiting;

    LifecycleTransactionCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    /** The {@code _lifecycle} function and its argument message. */
    abstract String function();

    abstract Message arguments();

    /** Which endorsements must be 200: approve checks the first (as Fabric), commit all. */
    abstract boolean checkEveryResponse();

    @Override
    public final Integer call() {
        DefinitionArguments.requireDefinition(definition);
        Message args = arguments(); // the policy and collection flags are checked before anything is loaded
        ClientEnvironment env = ClientEnvironment.load(context, Map.of(),
                spec.root().findOption("--logging-level").getValue());
        Proposal proposal = Proposals.create(HeaderType.ENDORSER_TRANSACTION_VALUE, definition.channelId(),
                Proposals.invocation(LifecyclePeerCommand.LIFECYCLE, ByteString.copyFromUtf8(function()),
                        args.toByteString()),
                env.signer().serialize());
        SignedProposal signed = Proposals.sign(proposal, env.signer());
        List<EndorserClient> endorsers = EndorserClient.forTargets(context, peers, spec);
        try {
            // as Fabric: the orderer is settled before the proposal goes out
            String address = OrdererEndpoint.resolve(parent.orderer(), endorsers.get(0), definition.channelId(),
                    "cli.lifecycle.chaincode");
            List<ProposalResponse> responses = EndorserClient.endorseAll(endorsers, signed,
                    "failed to endorse proposal", "");
            for (ProposalResponse r : checkEveryResponse() ? responses : responses.subList(0, 1)) {
                if (!r.hasResponse()) {
                    throw new CliException("received proposal response with nil response");
                }
                if (r.getResponse().getStatus() != 200) {
                    throw new CliException("proposal failed with status: " + r.getResponse().getStatus() + " - "
                            + r.getResponse().getMessage());
                }
            }
            try (BlockDeliveryClient orderer = BlockDeliveryClient.toOrderer(env, parent.orderer(), address)) {
                TransactionSubmission.submit(env, orderer, endorsers, definition.channelId(), Proposals.txId(proposal), proposal,
                        responses, waiting.waitForEvent(), GoDuration.parse(waiting.waitForEventTimeout()));
            }
            return 0;
        } finally {
            endorsers.forEach(EndorserClient::close);
        }
    }
}
