package io.weft.runtime.cli.lifecycle;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.OutputFormatOption;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer lifecycle chaincode querycommitted}: all definitions on the channel, or the {@code -n} one. */
@Command(name = "querycommitted", description = "Show the chaincode definitions committed on a channel.")
public final class LifecycleQueryCommittedCommand extends PendingCommand {

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private PeerTargetOptions peers;

    @Mixin
    private OutputFormatOption output;
}
