package io.weft.runtime.cli.lifecycle;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.OutputFormatOption;
import io.weft.runtime.cli.options.PeerTargetOptions;
import io.weft.runtime.cli.options.TargetPeerOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer lifecycle chaincode queryinstalled}. */
@Command(name = "queryinstalled", description = "List the chaincode packages installed on a peer.")
public final class LifecycleQueryInstalledCommand extends PendingCommand {

    @Mixin
    private PeerTargetOptions peers;

    @Mixin
    private TargetPeerOption targetPeer;

    @Mixin
    private OutputFormatOption output;
}
