package io.weft.runtime.cli.lifecycle;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.LifecycleDefinitionOptions;
import io.weft.runtime.cli.options.LifecycleWaitOptions;
import io.weft.runtime.cli.options.PackageIdOption;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer lifecycle chaincode approveformyorg}. */
@Command(name = "approveformyorg", description = "Approve a chaincode definition for this peer's organization.")
public final class LifecycleApproveForMyOrgCommand extends PendingCommand {

    @Mixin
    private LifecycleDefinitionOptions definition;

    @Mixin
    private PackageIdOption packageId;

    @Mixin
    private PeerTargetOptions peers;

    @Mixin
    private LifecycleWaitOptions waiting;
}
