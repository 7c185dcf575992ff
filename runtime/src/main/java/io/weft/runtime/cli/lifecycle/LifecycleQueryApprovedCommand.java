package io.weft.runtime.cli.lifecycle;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.OutputFormatOption;
import io.weft.runtime.cli.options.PeerTargetOptions;
import io.weft.runtime.cli.options.SequenceOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer lifecycle chaincode queryapproved}: {@code --sequence 0} (the default) asks for the latest. */
@Command(name = "queryapproved", description = "Show the chaincode definition this peer's organization approved.")
public final class LifecycleQueryApprovedCommand extends PendingCommand {

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private SequenceOption sequence;

    @Mixin
    private PeerTargetOptions peers;

    @Mixin
    private OutputFormatOption output;
}
