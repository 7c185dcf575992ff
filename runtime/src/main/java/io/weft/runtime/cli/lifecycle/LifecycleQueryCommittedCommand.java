package io.weft.runtime.cli.lifecycle;

import java.util.TreeMap;

import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.OutputFormatOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer lifecycle chaincode querycommitted}: one definition with its approvals, or all of a channel. */
@Command(name = "querycommitted", description = "Query the committed chaincode definitions by channel on a peer.")
public final class LifecycleQueryCommittedCommand extends LifecyclePeerCommand {

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private OutputFormatOption output;

    public LifecycleQueryCommittedCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        if (channel.channelId().isEmpty()) {
            throw new CliException("channel name must be specified");
        }
    }

    @Override
    void call(EndorserClient endorser) {
        String ch = channel.channelId();
        StringBuilder out = new StringBuilder();
        if (!name.name().isEmpty()) {
            QueryChaincodeDefinitionResult d = payload(send(endorser, ch, "QueryChaincodeDefinition",
                    QueryChaincodeDefinitionArgs.newBuilder().setName(name.name()).build(), "query failed"),
                    QueryChaincodeDefinitionResult.parser());
            if (printedAsJson(output.output(), d)) {
                return;
            }
            out.append("Committed chaincode definition for chaincode '").append(name.name()).append("' on channel '")
                    .append(ch).append("':\n");
            definition(out, d.getVersion(), d.getSequence(), d.getEndorsementPlugin(), d.getValidationPlugin());
            StringBuilder approvals = new StringBuilder();
            new TreeMap<>(d.getApprovalsMap()).forEach((org, ok) -> approvals.append(approvals.length() == 0 ? "" : ", ")
                    .append(org).append(": ").append(ok));
            out.append(", Approvals: [").append(approvals).append("]\n");
        } else {
            QueryChaincodeDefinitionsResult all = payload(send(endorser, ch, "QueryChaincodeDefinitions",
                    QueryChaincodeDefinitionsArgs.getDefaultInstance(), "query failed"),
                    QueryChaincodeDefinitionsResult.parser());
            if (printedAsJson(output.output(), all)) {
                return;
            }
            out.append("Committed chaincode definitions on channel '").append(ch).append("':\n");
            for (QueryChaincodeDefinitionsResult.ChaincodeDefinition d : all.getChaincodeDefinitionsList()) {
                out.append("Name: ").append(d.getName()).append(", ");
                definition(out, d.getVersion(), d.getSequence(), d.getEndorsementPlugin(), d.getValidationPlugin());
                out.append('\n');
            }
        }
        context().out().print(out);
    }

    private static void definition(StringBuilder out, String version, long sequence, String endorsement,
            String validation) {
        out.append("Version: ").append(version).append(", Sequence: ").append(sequence)
                .append(", Endorsement Plugin: ").append(endorsement).append(", Validation Plugin: ").append(validation);
    }
}
