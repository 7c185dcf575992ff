package io.weft.orderer;

import java.util.function.Supplier;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.ConsensusType;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.identity.SigningIdentity;
import io.weft.bccsp.Bccsp;
import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.ChannelConfigException;
import io.weft.channelconfig.NewChannelTemplate;
import io.weft.channelconfig.OrdererConfig;
import io.weft.configtx.ConfigtxException;
import io.weft.protoutil.Envelopes;

/**
 * Fabric's message processor of the orderer system channel ({@code msgprocessor.SystemChannel} with the
 * {@code SystemChainFilter}): the catch-all for channels the orderer does not serve. A normal message for another
 * channel is {@code NOT_FOUND}; a config update for another channel creates it — applied to the template the system
 * channel's consortium gives ({@link NewChannelTemplate}), it becomes the new channel's first {@code CONFIG}
 * envelope, wrapped in an {@code ORDERER_TRANSACTION} of the system channel, which is what gets ordered. Messages for
 * the system channel itself are processed as on any channel.
 */
final class SystemChannelProcessor extends StandardChannelProcessor {

    static final String CHANNEL_DOES_NOT_EXIST = "channel does not exist";

    private final String systemChannelId;
    private final Supplier<ChannelConfig> current;
    private final SigningIdentity signer;
    private final Bccsp bccsp;
    private final StandardChannelFilters filters;
    private final ChannelCreator channels;

    SystemChannelProcessor(String systemChannelId, Supplier<ChannelConfig> current, SigningIdentity signer,
            Bccsp bccsp, StandardChannelFilters filters, ChannelCreator channels) {
        super(systemChannelId, current, signer, bccsp, filters);
        this.systemChannelId = systemChannelId;
        this.current = current;
        this.signer = signer;
        this.bccsp = bccsp;
        this.filters = filters;
        this.channels = channels;
    }

    @Override
    long processNormal(Envelope message) throws RejectedMessageException {
        if (!channelId(message).equals(systemChannelId)) {
            throw new RejectedMessageException(Status.NOT_FOUND, CHANNEL_DOES_NOT_EXIST);
        }
        return super.processNormal(message);
    }

    @Override
    ConfigMessage processConfigUpdate(Envelope update) throws RejectedMessageException {
        String channelId = channelId(update);
        if (channelId.equals(systemChannelId)) {
            return super.processConfigUpdate(update);
        }
        ChannelConfig config = current.get();
        ChannelConfig template;
        ConfigEnvelope newChannelConfig;
        try {
            template = NewChannelTemplate.of(config, update, bccsp);
            newChannelConfig = template.configtxValidator().proposeConfigUpdate(update);
        } catch (ChannelConfigException e) {
            throw RejectedMessageException.badRequest(e.getMessage());
        } catch (ConfigtxException e) {
            throw RejectedMessageException.badRequest("error validating channel creation transaction for new channel '"
                    + channelId + "', could not successfully apply update to template configuration: "
                    + e.getMessage());
        }
        Envelope configTx = Envelopes.signed(HeaderType.CONFIG_VALUE, channelId, signer, newChannelConfig);
        Envelope ordererTx = Envelopes.signed(HeaderType.ORDERER_TRANSACTION_VALUE, systemChannelId, signer, configTx);
        // again, for the size above all: the wrapped transaction must fit the system channel's blocks
        filters.apply(ordererTx, config);
        inspectCreation(config, template, newChannelConfig);
        return new ConfigMessage(ordererTx, config.sequence());
    }

    /** The system channel filter's checks of a channel creation: room for it, no maintenance, a config it can serve. */
    private void inspectCreation(ChannelConfig config, ChannelConfig template, ConfigEnvelope newChannelConfig)
            throws RejectedMessageException {
        OrdererConfig orderer = OrdererConfigs.of(config);
        long maxChannels = orderer.maxChannels();
        // strictly greater: the system channel is counted too
        if (maxChannels > 0 && channels.channelsCount() > maxChannels) {
            throw RejectedMessageException.badRequest("channel creation would exceed maximimum number of channels: "
                    + maxChannels);
        }
        if (orderer.consensusState() != ConsensusType.State.STATE_NORMAL) {
            throw new RejectedMessageException(Status.SERVICE_UNAVAILABLE,
                    "channel creation is not permitted: maintenance mode");
        }
        ChannelConfig created;
        try {
            created = ChannelConfig.of(template.channelId(), newChannelConfig.getConfig(), bccsp);
        } catch (ChannelConfigException e) {
            throw RejectedMessageException.badRequest("config does not validly parse: " + e.getMessage());
        }
        try {
            template.validateNew(created);
        } catch (ChannelConfigException e) {
            throw RejectedMessageException.badRequest("new bundle invalid: " + e.getMessage());
        }
        if (created.orderer().isEmpty()) {
            throw RejectedMessageException.badRequest("config is missing orderer group");
        }
        try {
            created.requireOrdererSupport();
        } catch (ChannelConfigException e) {
            throw RejectedMessageException.badRequest("config update is not compatible: " + e.getMessage());
        }
    }

    /** Fabric's {@code ProcessConfigMsg} of the system channel: a creation is recomputed from its config update. */
    @Override
    ConfigMessage processConfig(Envelope configTx) throws RejectedMessageException {
        try {
            Payload payload = Payload.parseFrom(configTx.getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ORDERER_TRANSACTION_VALUE) {
                return super.processConfig(configTx);
            }
            Payload inner = Payload.parseFrom(Envelope.parseFrom(payload.getData()).getPayload());
            return processConfigUpdate(ConfigEnvelope.parseFrom(inner.getData()).getLastUpdate());
        } catch (InvalidProtocolBufferException e) {
            throw RejectedMessageException.badRequest("Abort processing config msg because payload data unmarshalling "
                    + "error: " + GoText.PROTO_PARSE_ERROR);
        }
    }

    /** Fabric's {@code protoutil.ChannelID}. */
    private static String channelId(Envelope message) throws RejectedMessageException {
        try {
            Payload payload = Payload.parseFrom(message.getPayload());
            if (!payload.hasHeader()) {
                throw RejectedMessageException.badRequest("failed to retrieve channel id - payload header is empty");
            }
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getChannelId();
        } catch (InvalidProtocolBufferException e) {
            throw RejectedMessageException.badRequest("error unmarshalling channel header: " + GoText.PROTO_PARSE_ERROR);
        }
    }
}
