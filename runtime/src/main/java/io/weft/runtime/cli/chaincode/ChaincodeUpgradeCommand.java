package io.weft.runtime.cli.chaincode;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.options.ChaincodePathOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer chaincode upgrade}: lscc's {@code upgrade}. */
@Command(name = "upgrade", description = "Replace an instantiated chaincode with a new version.")
public final class ChaincodeUpgradeCommand extends LegacyDeployCommand {

    @Mixin
    private ChaincodePathOption path;

    public ChaincodeUpgradeCommand(CliContext context) {
        super(context);
    }

    @Override
    String function() {
        return "upgrade";
    }

    @Override
    String path() {
        return path.path();
    }
}
