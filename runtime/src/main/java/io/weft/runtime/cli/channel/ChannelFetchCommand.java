package io.weft.runtime.cli.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.slf4j.LoggerFactory;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.protoutil.BlockMetadatas;
import io.weft.protoutil.DeliverSeeks;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.BlockDeliveryClient;
import io.weft.runtime.cli.client.ClientEnvironment;
import io.weft.runtime.cli.options.ChannelIdOption;
import io.weft.runtime.cli.options.GoBoolConverter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peer channel fetch <newest|oldest|config|N> [outputfile]}: from the orderer when {@code -o} is given, else
 * from the peer's Deliver service; written to {@code <channelID>_<target>.block} unless a file is named. {@code config}
 * reads the newest block's last-config index first, as Fabric does.
 */
@Command(name = "fetch", description = "Fetch a block and write it to a file.")
public final class ChannelFetchCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private ChannelCommand parent;

    @Mixin
    private ChannelIdOption channel;

    @Option(names = "--bestEffort", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Ignore delivery errors and return what blocks there are")
    private boolean bestEffort;

    // checked when the command runs, as Fabric does ("fetch target illegal: <arg>")
    @Parameters(index = "0", paramLabel = "<newest|oldest|config|N>", description = "Which block to fetch")
    private String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<outputfile>",
            description = "Where to write the block (<channelID>_<target>.block when not given)")
    private String outputFile;

    public ChannelFetchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        SeekPosition specified = null;
        if (!target.equals("oldest") && !target.equals("newest") && !target.equals("config")) {
            try {
                long n = Long.parseLong(target);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                specified = DeliverSeeks.specified(n);
            } catch (NumberFormatException e) {
                throw new CliException("fetch target illegal: " + target);
            }
        }
        ClientEnvironment env = ClientEnvironment.load(context, Map.of(),
                spec.root().findOption("--logging-level").getValue());
        String ch = channel.channelId();
        // Fabric: an orderer endpoint of the form host:port means the orderer, anything else the peer
        boolean fromOrderer = parent.orderer().orderer().split(":").length == 2;
        Block block;
        try (BlockDeliveryClient deliver = fromOrderer ? BlockDeliveryClient.toOrderer(env, parent.orderer())
                : BlockDeliveryClient.toPeer(env)) {
            block = switch (target) {
                case "oldest" -> deliver.block(ch, DeliverSeeks.oldest(), bestEffort);
                case "newest" -> deliver.block(ch, DeliverSeeks.newest(), bestEffort);
                case "config" -> {
                    long lastConfig = lastConfigIndex(deliver.block(ch, DeliverSeeks.newest(), bestEffort));
                    LoggerFactory.getLogger("channelCmd").info("Retrieving last config block: {}", lastConfig);
                    yield deliver.block(ch, DeliverSeeks.specified(lastConfig), bestEffort);
                }
                default -> deliver.block(ch, specified, bestEffort);
            };
        }
        Path file = context.workingDirectory().resolve(outputFile != null ? outputFile : ch + "_" + target + ".block");
        try {
            Files.write(file, block.toByteArray());
        } catch (IOException e) {
            throw new CliException("open " + file + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private static long lastConfigIndex(Block block) {
        try {
            return BlockMetadatas.lastConfigIndex(block);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new CliException("failed to retrieve metadata: " + e.getMessage(), e);
        }
    }
}
