package io.weft.runtime.cli.chaincode;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.CtorOption;
import io.weft.runtime.cli.options.GoBoolConverter;
import io.weft.runtime.cli.options.PeerTargetOptions;
import io.weft.runtime.cli.options.WaitForEventTimeoutOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer chaincode invoke}: endorse on every --peerAddresses peer, then order the transaction. */
@Command(name = "invoke", description = "Invoke the specified chaincode and commit the transaction.")
public final class ChaincodeInvokeCommand extends PendingCommand {

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private CtorOption ctor;

    @Option(names = {"-I", "--isInit"}, arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Call the chaincode's Init (legacy chaincode under the new lifecycle)")
    private boolean isInit;

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Mixin
    private PeerTargetOptions peers;

    @Option(names = "--waitForEvent", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Wait until each peer reports the transaction committed")
    private boolean waitForEvent;

    @Mixin
    private WaitForEventTimeoutOption waitTimeout;
}
