package io.weft.runtime.cli.chaincode;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChaincodeLangOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.ChaincodePathOption;
import io.weft.runtime.cli.options.ChaincodeVersionOption;
import io.weft.runtime.cli.options.CtorOption;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code peer chaincode install [package]}: installs a package file, or packages -n/-v/-p first. */
@Command(name = "install", description = "Install a chaincode on a peer.")
public final class ChaincodeInstallCommand extends PendingCommand {

    @Mixin
    private ChaincodeLangOption lang;

    @Mixin
    private CtorOption ctor;

    @Mixin
    private ChaincodePathOption path;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private ChaincodeVersionOption version;

    @Mixin
    private PeerTargetOptions peers;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<package>", description = "Chaincode deployment spec package to install")
    private String packageFile;
}
