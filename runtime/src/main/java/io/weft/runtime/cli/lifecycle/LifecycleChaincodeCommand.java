package io.weft.runtime.cli.lifecycle;

import io.weft.runtime.cli.options.OrdererOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer lifecycle chaincode}. */
@Command(name = "chaincode",
        description = "Perform chaincode operations: package|install|queryinstalled|getinstalledpackage|calculatepackageid"
            + "|approveformyorg|queryapproved|checkcommitreadiness|commit|querycommitted.",
        subcommands = {LifecyclePackageCommand.class, LifecycleCalculatePackageIdCommand.class, LifecycleInstallCommand.class,
            LifecycleQueryInstalledCommand.class, LifecycleGetInstalledPackageCommand.class,
            LifecycleApproveForMyOrgCommand.class, LifecycleQueryApprovedCommand.class,
            LifecycleCheckCommitReadinessCommand.class, LifecycleCommitCommand.class, LifecycleQueryCommittedCommand.class})
public final class LifecycleChaincodeCommand {

    @Mixin
    private OrdererOptions orderer;

    public OrdererOptions orderer() {
        return orderer;
    }
}
