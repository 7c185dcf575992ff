package io.weft.runtime.cli.lifecycle;

import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;

import com.google.protobuf.Message;

import io.weft.runtime.cli.CliContext;

import picocli.CommandLine.Command;

/**
 * {@code peer lifecycle chaincode commit}: the definition committed on the channel as a {@code _lifecycle}
 * transaction, endorsed by enough orgs' peers ({@code --peerAddresses}) for the LifecycleEndorsement policy.
 */
@Command(name = "commit", description = "Commit a chaincode definition on a channel.")
public final class LifecycleCommitCommand extends LifecycleTransactionCommand {

    public LifecycleCommitCommand(CliContext context) {
        super(context);
    }

    @Override
    String function() {
        return "CommitChaincodeDefinition";
    }

    @Override
    Message arguments() {
        return CommitChaincodeDefinitionArgs.newBuilder().setName(definition.name())
                .setVersion(definition.version()).setSequence(definition.sequence())
                .setEndorsementPlugin(definition.endorsementPlugin()).setValidationPlugin(definition.validationPlugin())
                .setValidationParameter(DefinitionArguments.validationParameter(definition))
                .setInitRequired(definition.initRequired())
                .setCollections(DefinitionArguments.collections(context().workingDirectory(), definition)).build();
    }

    @Override
    boolean checkEveryResponse() {
        return true;
    }
}
