package io.weft.runtime.cli.lifecycle;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.OutputFormatOption;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code peer lifecycle chaincode calculatepackageid <package>}; the peer flags are accepted but unused, as in Fabric. */
@Command(name = "calculatepackageid", description = "Print the package ID of a chaincode package file.")
public final class LifecycleCalculatePackageIdCommand extends PendingCommand {

    @Mixin
    private PeerTargetOptions peers;

    @Mixin
    private OutputFormatOption output;

    @Parameters(index = "0", paramLabel = "<packageFile>", description = "The chaincode package")
    private String packageFile;
}
