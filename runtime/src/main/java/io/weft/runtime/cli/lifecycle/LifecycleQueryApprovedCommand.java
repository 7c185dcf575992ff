package io.weft.runtime.cli.lifecycle;

import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionsResult;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.OutputFormatOption;
import io.weft.runtime.cli.options.SequenceOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer lifecycle chaincode queryapproved}: this org's approval of one definition, or all of a channel. */
@Command(name = "queryapproved", description = "Query an org's approved chaincode definitions from its peer.")
public final class LifecycleQueryApprovedCommand extends LifecyclePeerCommand {

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private SequenceOption sequence;

    @Mixin
    private OutputFormatOption output;

    public LifecycleQueryApprovedCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        if (channel.channelId().isEmpty()) {
            throw new CliException("The required parameter 'channelID' is empty. Rerun the command with -C flag");
        }
        if (name.name().isEmpty() && sequence.sequence() != 0) {
            throw new CliException("Specifying parameter 'sequence' is invalid without parameter 'name'. Rerun the "
                    + "command with -n flag");
        }
    }

    @Override
    void call(EndorserClient endorser) {
        String ch = channel.channelId();
        StringBuilder out = new StringBuilder();
        if (!name.name().isEmpty()) {
            QueryApprovedChaincodeDefinitionResult d = payload(send(endorser, ch, "QueryApprovedChaincodeDefinition",
                    QueryApprovedChaincodeDefinitionArgs.newBuilder().setName(name.name())
                            .setSequence(sequence.sequence()).build(), "query failed"),
                    QueryApprovedChaincodeDefinitionResult.parser());
            if (printedAsJson(output.output(), d)) {
                return;
            }
            out.append("Approved chaincode definition for chaincode '").append(name.name()).append("' on channel '")
                    .append(ch).append("':\n");
            approved(out, d.getSequence(), d.getVersion(), d.getInitRequired(), d.getSource(), d.getEndorsementPlugin(),
                    d.getValidationPlugin());
            out.append('\n');
        } else {
            QueryApprovedChaincodeDefinitionsResult all = payload(send(endorser, ch, "QueryApprovedChaincodeDefinitions",
                    QueryApprovedChaincodeDefinitionsArgs.getDefaultInstance(), "query failed"),
                    QueryApprovedChaincodeDefinitionsResult.parser());
            if (printedAsJson(output.output(), all)) {
                return;
            }
            out.append("Approved chaincode definitions on channel '").append(ch).append("':\n");
            for (var d : all.getApprovedChaincodeDefinitionsList()) {
                out.append("name: ").append(d.getName()).append(", ");
                approved(out, d.getSequence(), d.getVersion(), d.getInitRequired(), d.getSource(),
                        d.getEndorsementPlugin(), d.getValidationPlugin());
                out.append('\n');
            }
        }
        context().out().print(out);
    }

    private static void approved(StringBuilder out, long sequence, String version, boolean initRequired,
            ChaincodeSource source, String endorsement, String validation) {
        out.append("sequence: ").append(sequence).append(", version: ").append(version).append(", init-required: ")
                .append(initRequired).append(", package-id: ")
                .append(source.hasLocalPackage() ? source.getLocalPackage().getPackageId() : "")
                .append(", endorsement plugin: ").append(endorsement).append(", validation plugin: ").append(validation);
    }
}
