package io.weft.runtime.cli.chaincode;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.ChaincodeLangOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.ChaincodePathOption;
import io.weft.runtime.cli.options.ChaincodeVersionOption;
import io.weft.runtime.cli.options.CtorOption;
import io.weft.runtime.cli.options.LegacyDeployOptions;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer chaincode upgrade}. */
@Command(name = "upgrade", description = "Replace an instantiated chaincode with a new version.")
public final class ChaincodeUpgradeCommand extends PendingCommand {

    @Mixin
    private ChaincodeLangOption lang;

    @Mixin
    private CtorOption ctor;

    @Mixin
    private ChaincodePathOption path;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Mixin
    private ChaincodeVersionOption version;

    @Mixin
    private LegacyDeployOptions deploy;

    @Mixin
    private PeerTargetOptions peers;
}
