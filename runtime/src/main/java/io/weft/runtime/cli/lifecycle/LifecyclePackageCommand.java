package io.weft.runtime.cli.lifecycle;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChaincodeLangOption;
import io.weft.runtime.cli.options.ChaincodePathOption;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code peer lifecycle chaincode package <outputfile>}. Fabric attaches the peer flags here too,
 * although packaging talks to no peer; they are accepted for the same command lines to parse.
 */
@Command(name = "package", description = "Package a chaincode into a _lifecycle install package (tar.gz).")
public final class LifecyclePackageCommand extends PendingCommand {

    @Option(names = "--label", description = "Human-readable label of the package")
    private String label = "";

    @Mixin
    private ChaincodeLangOption lang;

    @Mixin
    private ChaincodePathOption path;

    @Mixin
    private PeerTargetOptions peers;

    @Parameters(index = "0", paramLabel = "<outputfile>", description = "File to write the package to")
    private String outputFile;
}
