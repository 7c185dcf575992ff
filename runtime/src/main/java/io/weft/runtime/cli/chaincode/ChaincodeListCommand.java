package io.weft.runtime.cli.chaincode;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.GoBoolConverter;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer chaincode list --installed | --instantiated -C <channel>}. */
@Command(name = "list", description = "List the chaincodes installed on a peer or instantiated on a channel.")
public final class ChaincodeListCommand extends PendingCommand {

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Option(names = "--installed", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "List the chaincodes installed on the peer")
    private boolean installed;

    @Option(names = "--instantiated", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "List the chaincodes instantiated on the -C channel")
    private boolean instantiated;

    @Mixin
    private PeerTargetOptions peers;
}
