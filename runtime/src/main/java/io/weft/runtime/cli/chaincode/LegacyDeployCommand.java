package io.weft.runtime.cli.chaincode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import io.weft.policies.PolicyDsl;
import io.weft.protoutil.Proposals;
import io.weft.protoutil.Transactions;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.BlockDeliveryClient;
import io.weft.runtime.cli.client.ClientEnvironment;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.client.OrdererEndpoint;
import io.weft.runtime.cli.lifecycle.DefinitionArguments;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.ChaincodeLangOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.ChaincodeVersionOption;
import io.weft.runtime.cli.options.CtorOption;
import io.weft.runtime.cli.options.LegacyDeployOptions;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peer chaincode instantiate} and {@code upgrade} (Fabric's {@code chaincodeDeploy}/{@code chaincodeUpgrade}):
 * lscc's {@code deploy}/{@code upgrade} with a code-less deployment spec, the {@code -P} policy, {@code escc},
 * {@code vscc} and the collections, endorsed by the first peer, sent to the orderer ({@code -o}) without waiting for
 * the commit.
 */
abstract class LegacyDeployCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private ChaincodeCommand parent;

    @Mixin
    private ChaincodeLangOption lang;

    @Mixin
    private CtorOption ctor;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Mixin
    private ChaincodeVersionOption version;

    @Mixin
    private LegacyDeployOptions deploy;

    @Mixin
    private PeerTargetOptions peers;

    LegacyDeployCommand(CliContext context) {
        this.context = context;
    }

    /** lscc's function: {@code deploy} or {@code upgrade}. */
    abstract String function();

    /** {@code -p}: upgrade has it (and ignores it, as Fabric: the package installed decides), instantiate not. */
    abstract String path();

    @Override
    public Integer call() {
        if (channel.channelId().isEmpty()) {
            throw new CliException("The required parameter 'channelID' is empty. Rerun the command with -C flag");
        }
        ChaincodeSpec cs = LegacySpecs.spec(spec.name(), lang.lang(), path(), name.name(), version.version(),
                ctor.ctor(), false);
        var log = LoggerFactory.getLogger("chaincodeCmd");
        if (deploy.escc().isEmpty()) {
            log.info("Using default escc");
        } else {
            log.info("Using escc {}", deploy.escc());
        }
        if (deploy.vscc().isEmpty()) {
            log.info("Using default vscc");
        } else {
            log.info("Using vscc {}", deploy.vscc());
        }
        List<ByteString> args = new ArrayList<>(List.of(ByteString.copyFromUtf8(function()),
                ByteString.copyFromUtf8(channel.channelId()),
                ChaincodeDeploymentSpec.newBuilder().setChaincodeSpec(cs).build().toByteString(), policy(),
                ByteString.copyFromUtf8(deploy.escc().isEmpty() ? "escc" : deploy.escc()),
                ByteString.copyFromUtf8(deploy.vscc().isEmpty() ? "vscc" : deploy.vscc())));
        if (!deploy.collectionsConfig().isEmpty()) {
            args.add(DefinitionArguments.collections(context.workingDirectory(), deploy.collectionsConfig())
                    .toByteString());
        }
        ClientEnvironment env = ClientEnvironment.load(context, Map.of(),
                spec.root().findOption("--logging-level").getValue());
        Proposal proposal = Proposals.create(HeaderType.ENDORSER_TRANSACTION_VALUE, channel.channelId(),
                Proposals.invocation("lscc", args.toArray(ByteString[]::new)), env.signer().serialize());
        SignedProposal signed = Proposals.sign(proposal, env.signer());
        List<EndorserClient> endorsers = EndorserClient.forTargets(context, peers, spec);
        try {
            // as Fabric: the orderer is settled before the proposal goes out
            String address = OrdererEndpoint.resolve(parent.orderer(), endorsers.get(0), channel.channelId(),
                    "chaincodeCmd");
            List<ProposalResponse> responses = EndorserClient.endorseAll(endorsers.subList(0, 1), signed,
                    "error endorsing chaincode", "");
            Envelope tx;
            try {
                tx = Transactions.createSignedTx(proposal, env.signer(), responses);
            } catch (IllegalArgumentException e) {
                throw new CliException("could not assemble transaction: " + e.getMessage(), e);
            }
            try (BlockDeliveryClient orderer = BlockDeliveryClient.toOrderer(env, parent.orderer(), address)) {
                orderer.broadcast(tx);
            }
            return 0;
        } finally {
            endorsers.forEach(EndorserClient::close);
        }
    }

    /** {@code -P} in Fabric's policy language, marshalled; empty: lscc's default. */
    private ByteString policy() {
        if (deploy.policy().isEmpty()) {
            return ByteString.EMPTY;
        }
        try {
            return PolicyDsl.parse(deploy.policy()).toByteString();
        } catch (RuntimeException e) {
            throw new CliException("invalid policy " + deploy.policy(), e);
        }
    }
}
