package io.weft.runtime.cli.channel;

import java.util.Base64;

import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.grpc.StatusRuntimeException;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.client.RpcErrors;
import io.weft.runtime.cli.options.ChannelIdOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peer channel getinfo -c <channel>}: qscc GetChainInfo, printed as Go's JSON of the struct. */
@Command(name = "getinfo", description = "get blockchain information of a specified channel.")
public final class ChannelGetInfoCommand extends EndorserChannelCommand {

    @Mixin
    private ChannelIdOption channel;

    public ChannelGetInfoCommand(CliContext context) {
        super(context);
    }

    @Override
    void checkArgs() {
        if (channel.channelId().isEmpty()) {
            throw new CliException("Must supply channel ID");
        }
    }

    @Override
    void call(EndorserClient endorser) {
        ProposalResponse r = endorser.invoke(HeaderType.ENDORSER_TRANSACTION, "qscc",
                ByteString.copyFromUtf8("GetChainInfo"), ByteString.copyFromUtf8(channel.channelId()));
        if (r.getResponse().getStatus() != 200) {
            throw new CliException("received bad response, status " + r.getResponse().getStatus() + ": "
                    + r.getResponse().getMessage());
        }
        BlockchainInfo info;
        try {
            info = BlockchainInfo.parseFrom(r.getResponse().getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new CliException("cannot read qscc response: " + e.getMessage());
        }
        context().out().println("Blockchain info: " + json(info));
    }

    /** Go's {@code json.Marshal} of the generated struct: omitempty fields, bytes as standard base64. */
    static String json(BlockchainInfo info) {
        StringBuilder b = new StringBuilder("{");
        if (info.getHeight() != 0) {
            b.append("\"height\":").append(Long.toUnsignedString(info.getHeight()));
        }
        field(b, "currentBlockHash", info.getCurrentBlockHash());
        field(b, "previousBlockHash", info.getPreviousBlockHash());
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String name, ByteString value) {
        if (value.isEmpty()) {
            return;
        }
        if (b.length() > 1) {
            b.append(',');
        }
        b.append('"').append(name).append("\":\"").append(Base64.getEncoder().encodeToString(value.toByteArray()))
                .append('"');
    }

    @Override
    String rpcFailure(StatusRuntimeException e) {
        return "failed sending proposal: " + RpcErrors.describe(e);
    }
}
