package io.weft.runtime.cli.lifecycle;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.PackageIdOption;
import io.weft.runtime.cli.options.PeerTargetOptions;
import io.weft.runtime.cli.options.TargetPeerOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code peer lifecycle chaincode getinstalledpackage}: writes {@code <package-id>.tar.gz}. */
@Command(name = "getinstalledpackage", description = "Download an installed chaincode package from a peer.")
public final class LifecycleGetInstalledPackageCommand extends PendingCommand {

    @Mixin
    private PeerTargetOptions peers;

    @Mixin
    private TargetPeerOption targetPeer;

    @Mixin
    private PackageIdOption packageId;

    @Option(names = "--output-directory", paramLabel = "<dir>", description = "Directory to write the package to (the working directory when not given)")
    private String outputDirectory = "";

    // Fabric's usage line shows [outputfile] but its code never reads it; accepted so such command lines still parse
    @Parameters(index = "0", arity = "0..1", paramLabel = "<outputfile>", description = "Ignored; see --output-directory")
    private String ignoredOutputFile;
}
