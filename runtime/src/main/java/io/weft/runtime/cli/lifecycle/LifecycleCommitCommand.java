package io.weft.runtime.cli.lifecycle;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.LifecycleDefinitionOptions;
import io.weft.runtime.cli.options.LifecycleWaitOptions;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer lifecycle chaincode commit}. */
@Command(name = "commit", description = "Commit a chaincode definition on a channel.")
public final class LifecycleCommitCommand extends PendingCommand {

    @Mixin
    private LifecycleDefinitionOptions definition;

    @Mixin
    private PeerTargetOptions peers;

    @Mixin
    private LifecycleWaitOptions waiting;
}
