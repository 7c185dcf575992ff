package io.weft.runtime.cli.channel;

import java.util.List;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChannelInfo;
import org.hyperledger.fabric.protos.peer.ChannelQueryResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.grpc.StatusRuntimeException;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.client.RpcErrors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code peer channel list}: cscc GetChannels. */
@Command(name = "list", description = "List of channels peer has joined.")
public final class ChannelListCommand extends EndorserChannelCommand {

    @Parameters(hidden = true)
    private List<String> args = List.of();

    public ChannelListCommand(CliContext context) {
        super(context);
    }

    @Override
    void checkArgs() {
        if (!args.isEmpty()) {
            throw new CliException("trailing args detected: [" + String.join(" ", args) + "]");
        }
    }

    @Override
    void call(EndorserClient endorser) {
        ProposalResponse r = endorser.invoke(HeaderType.ENDORSER_TRANSACTION, "cscc", ByteString.copyFromUtf8("GetChannels"));
        if (r.getResponse().getStatus() != 200) {
            throw new CliException("Received bad response, status " + r.getResponse().getStatus() + ": "
                    + r.getResponse().getMessage());
        }
        ChannelQueryResponse channels;
        try {
            channels = ChannelQueryResponse.parseFrom(r.getResponse().getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new CliException("Cannot read channels list response, " + e.getMessage());
        }
        StringBuilder out = new StringBuilder("Channels peers has joined: \n");
        for (ChannelInfo c : channels.getChannelsList()) {
            out.append(c.getChannelId()).append('\n');
        }
        context().out().print(out);
    }

    @Override
    String rpcFailure(StatusRuntimeException e) {
        return "Failed sending proposal, got " + RpcErrors.describe(e);
    }
}
