package io.weft.runtime.cli.chaincode;

import io.weft.runtime.cli.options.OrdererOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code peer chaincode}: the legacy (lscc) chaincode commands. */
@Command(name = "chaincode",
        description = "Operate a chaincode: install|instantiate|invoke|package|query|signpackage|upgrade|list.",
        subcommands = {ChaincodeInstallCommand.class, ChaincodeInstantiateCommand.class, ChaincodeInvokeCommand.class,
            ChaincodePackageCommand.class, ChaincodeQueryCommand.class, ChaincodeSignPackageCommand.class,
            ChaincodeUpgradeCommand.class, ChaincodeListCommand.class})
public final class ChaincodeCommand {

    @Mixin
    private OrdererOptions orderer;

    @Option(names = "--transient", paramLabel = "<json>", scope = ScopeType.INHERIT,
            description = "Transient data: a JSON object whose values are base64")
    private String transientMap = "";

    public OrdererOptions orderer() {
        return orderer;
    }

    public String transientMap() {
        return transientMap;
    }
}
