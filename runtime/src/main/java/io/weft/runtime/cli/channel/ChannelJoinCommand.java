package io.weft.runtime.cli.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import io.grpc.StatusRuntimeException;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.client.RpcErrors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peer channel join -b <genesis block>}: cscc JoinChain, as a channel-less CONFIG proposal. */
@Command(name = "join", description = "Joins the peer to a channel.")
public final class ChannelJoinCommand extends EndorserChannelCommand {

    @Option(names = {"-b", "--blockpath"}, paramLabel = "<file>", description = "Path to file containing genesis block")
    private String blockPath = "";

    private ByteString genesis;

    public ChannelJoinCommand(CliContext context) {
        super(context);
    }

    @Override
    void checkArgs() {
        if (blockPath.isEmpty()) {
            throw new CliException("Must supply genesis block path");
        }
    }

    @Override
    void call(EndorserClient endorser) {
        Path file = context().workingDirectory().resolve(blockPath);
        try {
            genesis = ByteString.copyFrom(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CliException("genesis block file not found open " + blockPath + ": no such file or directory");
        } catch (IOException e) {
            throw new CliException("genesis block file not found open " + blockPath + ": " + e.getMessage());
        }
        ProposalResponse r = endorser.invoke(HeaderType.CONFIG, "cscc", ByteString.copyFromUtf8("JoinChain"), genesis);
        int status = r.getResponse().getStatus();
        if (status != 0 && status != 200) {
            throw new CliException("proposal failed (err: bad proposal response " + status + ": "
                    + r.getResponse().getMessage() + ")");
        }
        LoggerFactory.getLogger("channelCmd").info("Successfully submitted proposal to join channel");
    }

    @Override
    String rpcFailure(StatusRuntimeException e) {
        return "proposal failed (err: " + RpcErrors.describe(e) + ")";
    }
}
