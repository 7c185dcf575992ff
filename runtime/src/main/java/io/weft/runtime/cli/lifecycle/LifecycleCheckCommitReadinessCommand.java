package io.weft.runtime.cli.lifecycle;

import java.util.TreeMap;

import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.options.LifecycleDefinitionOptions;
import io.weft.runtime.cli.options.OutputFormatOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer lifecycle chaincode checkcommitreadiness}: which orgs approved this definition. */
@Command(name = "checkcommitreadiness", description = "Check whether a chaincode definition is ready to be committed on a channel.")
public final class LifecycleCheckCommitReadinessCommand extends LifecyclePeerCommand {

    @Mixin
    private LifecycleDefinitionOptions definition;

    @Mixin
    private OutputFormatOption output;

    public LifecycleCheckCommitReadinessCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        DefinitionArguments.requireDefinition(definition);
    }

    @Override
    void call(EndorserClient endorser) {
        CheckCommitReadinessArgs args = CheckCommitReadinessArgs.newBuilder().setName(definition.name())
                .setVersion(definition.version()).setSequence(definition.sequence())
                .setEndorsementPlugin(definition.endorsementPlugin()).setValidationPlugin(definition.validationPlugin())
                .setValidationParameter(DefinitionArguments.validationParameter(definition))
                .setInitRequired(definition.initRequired())
                .setCollections(DefinitionArguments.collections(context().workingDirectory(), definition)).build();
        CheckCommitReadinessResult result = payload(send(endorser, definition.channelId(), "CheckCommitReadiness",
                args, "query failed"), CheckCommitReadinessResult.parser());
        // Fabric 2.5's CLI knows no mismatches (a 3.x field Weft's _lifecycle fills), so its JSON has none
        if (printedAsJson(output.output(), result.toBuilder().clearMismatches().build())) {
            return;
        }
        StringBuilder out = new StringBuilder("Chaincode definition for chaincode '").append(definition.name())
                .append("', version '").append(definition.version()).append("', sequence '")
                .append(definition.sequence()).append("' on channel '").append(definition.channelId())
                .append("' approval status by org:\n");
        new TreeMap<>(result.getApprovalsMap()).forEach((org, ok) -> out.append(org).append(": ").append(ok).append('\n'));
        context().out().print(out);
    }
}
