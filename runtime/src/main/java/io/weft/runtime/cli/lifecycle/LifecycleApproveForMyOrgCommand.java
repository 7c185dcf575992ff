package io.weft.runtime.cli.lifecycle;

import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;

import com.google.protobuf.Message;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.options.PackageIdOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code peer lifecycle chaincode approveformyorg}: the org's approval of a definition (with the package its peers
 * run, or none when {@code --package-id} is not given) as a {@code _lifecycle} transaction.
 */
@Command(name = "approveformyorg", description = "Approve a chaincode definition for this peer's organization.")
public final class LifecycleApproveForMyOrgCommand extends LifecycleTransactionCommand {

    @Mixin
    private PackageIdOption packageId;

    public LifecycleApproveForMyOrgCommand(CliContext context) {
        super(context);
    }

    @Override
    String function() {
        return "ApproveChaincodeDefinitionForMyOrg";
    }

    @Override
    Message arguments() {
        ChaincodeSource.Builder source = ChaincodeSource.newBuilder();
        if (packageId.packageId().isEmpty()) {
            source.setUnavailable(ChaincodeSource.Unavailable.getDefaultInstance());
        } else {
            source.setLocalPackage(ChaincodeSource.Local.newBuilder().setPackageId(packageId.packageId()));
        }
        return ApproveChaincodeDefinitionForMyOrgArgs.newBuilder().setName(definition.name())
                .setVersion(definition.version()).setSequence(definition.sequence())
                .setEndorsementPlugin(definition.endorsementPlugin()).setValidationPlugin(definition.validationPlugin())
                .setValidationParameter(DefinitionArguments.validationParameter(definition))
                .setInitRequired(definition.initRequired())
                .setCollections(DefinitionArguments.collections(context().workingDirectory(), definition))
                .setSource(source).build();
    }

    @Override
    boolean checkEveryResponse() {
        return false;
    }
}
