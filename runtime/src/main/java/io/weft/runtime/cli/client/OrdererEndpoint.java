package io.weft.runtime.cli.client;

import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.grpc.StatusRuntimeException;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.options.OrdererOptions;

/**
 * The orderer a transaction goes to: {@code -o}, else, as Fabric's CLI, the first of the channel's
 * {@code OrdererAddresses} from the channel config the endorsing peer's {@code cscc} returns.
 */
public final class OrdererEndpoint {

    private OrdererEndpoint() {
    }

    /**
     * @param logger the command's logger name, for Fabric's "Retrieved channel … orderer endpoint" line
     * @throws CliException Fabric's messages when the peer cannot tell or the channel names no orderer
     */
    public static String resolve(OrdererOptions options, EndorserClient peer, String channelId, String logger) {
        if (!options.orderer().isEmpty()) {
            return options.orderer();
        }
        String address = fromChannelConfig(peer, channelId);
        LoggerFactory.getLogger(logger).info("Retrieved channel ({}) orderer endpoint: {}", channelId, address);
        return address;
    }

    private static String fromChannelConfig(EndorserClient peer, String channelId) {
        String failure = "error getting channel (" + channelId + ") orderer endpoint: ";
        ProposalResponse r;
        try {
            r = peer.invoke(HeaderType.CONFIG, "cscc", ByteString.copyFromUtf8("GetChannelConfig"),
                    ByteString.copyFromUtf8(channelId));
        } catch (StatusRuntimeException e) {
            throw new CliException(failure + "error endorsing GetChannelConfig: " + RpcErrors.describe(e), e);
        }
        int status = r.getResponse().getStatus();
        if (status != 0 && status != 200) {
            throw new CliException(failure + "error bad proposal response " + status + ": "
                    + r.getResponse().getMessage());
        }
        OrdererAddresses addresses;
        try {
            Config config = Config.parseFrom(r.getResponse().getPayload());
            ConfigValue value = config.getChannelGroup().getValuesMap().get("OrdererAddresses");
            addresses = value == null ? OrdererAddresses.getDefaultInstance()
                    : OrdererAddresses.parseFrom(value.getValue());
        } catch (InvalidProtocolBufferException e) {
            throw new CliException(failure + "error unmarshalling channel config: " + e.getMessage(), e);
        }
        if (addresses.getAddressesCount() == 0) {
            throw new CliException("no orderer endpoints retrieved for channel " + channelId
                    + ", pass orderer endpoint with -o flag instead");
        }
        return addresses.getAddresses(0);
    }
}
