package io.weft.runtime.cli.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.slf4j.LoggerFactory;

import io.weft.config.GoDuration;
import io.weft.protoutil.DeliverSeeks;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.BlockDeliveryClient;
import io.weft.runtime.cli.client.ClientEnvironment;
import io.weft.runtime.cli.options.ChannelIdOption;
import io.weft.runtime.cli.options.ConfigTxFileOption;
import io.weft.runtime.cli.options.GoDurationConverter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peer channel create -c <channel> -f <file> -o <orderer>}: the channel-creation config update in the file,
 * signed by the local MSP, broadcast to the orderer's system channel; then block 0 of the new channel, asked of the
 * orderer's Deliver every 200 ms until it exists or {@code --timeout} passes, written to {@code <channel>.block}
 * (or {@code --outputBlock}).
 */
@Command(name = "create", description = "Create a channel and write its genesis block to a file.")
public final class ChannelCreateCommand implements Callable<Integer> {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private ChannelCommand parent;

    @Mixin
    private ChannelIdOption channel;

    @Mixin
    private ConfigTxFileOption file;

    @Option(names = "--outputBlock", paramLabel = "<file>", description = "Where to write the genesis block (./<channelID>.block when not given)")
    private String outputBlock = "";

    @Option(names = {"-t", "--timeout"}, paramLabel = "<duration>", converter = GoDurationConverter.class,
            description = "How long to wait for the channel to be created (Go duration)")
    private String timeout = "10s";

    public ChannelCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (channel.channelId().isEmpty()) {
            throw new CliException("must supply channel ID");
        }
        String orderer = parent.orderer().orderer();
        if (orderer.split(":", -1).length != 2) {
            throw new CliException("ordering service endpoint " + orderer + " is not valid or missing");
        }
        if (file.file().isEmpty()) {
            // Fabric then builds the update from configtx.yaml's SampleSingleMSPChannel profile
            throw new CliException("peer channel create without -f (the SampleSingleMSPChannel profile) is not "
                    + "available yet in Weft");
        }
        ClientEnvironment env = ClientEnvironment.load(context, Map.of(),
                spec.root().findOption("--logging-level").getValue());
        Envelope signed = ConfigUpdateSigning.sanityCheckAndSign(
                ConfigUpdateSigning.read(context.workingDirectory(), file.file()), channel.channelId(), env.signer());
        LoggerFactory.getLogger("channelCmd").info("Endorser and orderer connections initialized");
        try (BlockDeliveryClient client = BlockDeliveryClient.toOrderer(env, parent.orderer())) {
            client.broadcast(signed);
        }
        Block genesis = awaitGenesisBlock(env, GoDuration.parse(timeout));
        Path out = context.workingDirectory().resolve(outputBlock.isEmpty() ? channel.channelId() + ".block"
                : outputBlock);
        try {
            Files.write(out, genesis.toByteArray());
        } catch (IOException e) {
            throw new CliException("open " + out + ": " + e.getMessage(), e);
        }
        return 0;
    }

    /** Fabric's {@code getGenesisBlock}: block 0 once the orderer has written it, a fresh connection per attempt. */
    private Block awaitGenesisBlock(ClientEnvironment env, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try (BlockDeliveryClient deliver = BlockDeliveryClient.toOrderer(env, parent.orderer())) {
                return deliver.block(channel.channelId(), DeliverSeeks.specified(0), false);
            } catch (CliException e) {
                if (System.nanoTime() >= deadline) {
                    throw new CliException("timeout waiting for channel creation", e);
                }
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("timeout waiting for channel creation", e);
            }
        }
    }
}
