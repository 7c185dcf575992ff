package io.weft.runtime.cli.lifecycle;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.PeerTargetOptions;
import io.weft.runtime.cli.options.TargetPeerOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code peer lifecycle chaincode install <package>}. */
@Command(name = "install", description = "Install a chaincode package on a peer.")
public final class LifecycleInstallCommand extends PendingCommand {

    @Mixin
    private PeerTargetOptions peers;

    @Mixin
    private TargetPeerOption targetPeer;

    @Parameters(index = "0", paramLabel = "<package>", description = "The chaincode package (tar.gz)")
    private String packageFile;
}
