package io.weft.runtime.cli.channel;

import java.util.Map;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.common.Envelope;
import org.slf4j.LoggerFactory;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.BlockDeliveryClient;
import io.weft.runtime.cli.client.ClientEnvironment;
import io.weft.runtime.cli.options.ChannelIdOption;
import io.weft.runtime.cli.options.ConfigTxFileOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peer channel update -c <channel> -f <file> -o <orderer>}: the config update in the file, signed by the local
 * MSP as {@code signconfigtx} would, sent to the orderer's Broadcast; Fabric's
 * {@code Successfully submitted channel update} once the orderer took it.
 */
@Command(name = "update", description = "Sign a config update and send it to the orderer.")
public final class ChannelUpdateCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private ChannelCommand parent;

    @Mixin
    private ChannelIdOption channel;

    @Mixin
    private ConfigTxFileOption file;

    public ChannelUpdateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (channel.channelId().isEmpty()) {
            throw new CliException("Must supply channel ID");
        }
        if (file.file().isEmpty()) {
            throw new CliException("Invalid channel create transaction : No configtx file name supplied");
        }
        ClientEnvironment env = ClientEnvironment.load(context, Map.of(),
                spec.root().findOption("--logging-level").getValue());
        Envelope signed = ConfigUpdateSigning.sanityCheckAndSign(
                ConfigUpdateSigning.read(context.workingDirectory(), file.file()), channel.channelId(), env.signer());
        if (parent.orderer().orderer().isEmpty()) {
            throw new CliException("Error getting broadcast client: ordering service endpoint is not set (-o)");
        }
        try (BlockDeliveryClient orderer = BlockDeliveryClient.toOrderer(env, parent.orderer())) {
            orderer.broadcast(signed);
        }
        LoggerFactory.getLogger("channelCmd").info("Successfully submitted channel update");
        return 0;
    }
}
