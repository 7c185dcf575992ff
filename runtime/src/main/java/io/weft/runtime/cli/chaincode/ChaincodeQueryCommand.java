package io.weft.runtime.cli.chaincode;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.CtorOption;
import io.weft.runtime.cli.options.GoBoolConverter;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer chaincode query}: prints the endorsed result without ordering a transaction. */
@Command(name = "query", description = "Query the specified chaincode and print its result.")
public final class ChaincodeQueryCommand extends PendingCommand {

    @Mixin
    private CtorOption ctor;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Mixin
    private PeerTargetOptions peers;

    @Option(names = {"-r", "--raw"}, arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Print the result as raw bytes")
    private boolean raw;

    @Option(names = {"-x", "--hex"}, arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Print the result in hexadecimal; not with --raw")
    private boolean hex;
}
