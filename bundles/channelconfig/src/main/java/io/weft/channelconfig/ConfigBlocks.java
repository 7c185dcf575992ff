package io.weft.channelconfig;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;

import com.google.protobuf.InvalidProtocolBufferException;

/** Reading the channel ID and {@code ConfigEnvelope} out of a config block or config transaction. */
public final class ConfigBlocks {

    /** The channel ID and config envelope of a config transaction. */
    public record ConfigTx(String channelId, ConfigEnvelope envelope) {
    }

    private ConfigBlocks() {
    }

    /** The config transaction of a config (or genesis) block: its only envelope. */
    public static ConfigTx fromBlock(Block block) throws ChannelConfigException {
        if (block.getData().getDataCount() == 0) {
            throw new ChannelConfigException("failed to get config envelope from block: block has no data");
        }
        Envelope env;
        try {
            env = Envelope.parseFrom(block.getData().getData(0));
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelConfigException("malformed configuration block: " + e.getMessage(), e);
        }
        return fromEnvelope(env);
    }

    /** The config transaction of an envelope whose header type is {@code CONFIG}. */
    public static ConfigTx fromEnvelope(Envelope env) throws ChannelConfigException {
        try {
            Payload payload = Payload.parseFrom(env.getPayload());
            if (!payload.hasHeader()) {
                throw new ChannelConfigException("envelope header cannot be nil");
            }
            ChannelHeader chdr = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (chdr.getType() != HeaderType.CONFIG_VALUE) {
                throw new ChannelConfigException("block's envelope is of type " + chdr.getType() + ", not CONFIG");
            }
            ConfigEnvelope ce = ConfigEnvelope.parseFrom(payload.getData());
            if (!ce.hasConfig()) {
                throw new ChannelConfigException("no config found in envelope");
            }
            return new ConfigTx(chdr.getChannelId(), ce);
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelConfigException("failed to unmarshal config envelope: " + e.getMessage(), e);
        }
    }
}
