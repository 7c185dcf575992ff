package io.weft.runtime.cli.chaincode;

import io.weft.runtime.cli.CliContext;

import picocli.CommandLine.Command;

/** {@code peer chaincode instantiate}: lscc's {@code deploy}. */
@Command(name = "instantiate", description = "Deploy the specified chaincode to the network.")
public final class ChaincodeInstantiateCommand extends LegacyDeployCommand {

    public ChaincodeInstantiateCommand(CliContext context) {
        super(context);
    }

    @Override
    String function() {
        return "deploy";
    }

    @Override
    String path() {
        return "";
    }
}
