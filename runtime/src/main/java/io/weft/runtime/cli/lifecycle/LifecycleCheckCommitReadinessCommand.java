package io.weft.runtime.cli.lifecycle;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.LifecycleDefinitionOptions;
import io.weft.runtime.cli.options.OutputFormatOption;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer lifecycle chaincode checkcommitreadiness}. */
@Command(name = "checkcommitreadiness", description = "Show which organizations approved a chaincode definition.")
public final class LifecycleCheckCommitReadinessCommand extends PendingCommand {

    @Mixin
    private LifecycleDefinitionOptions definition;

    @Mixin
    private PeerTargetOptions peers;

    @Mixin
    private OutputFormatOption output;
}
