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
import io.weft.channelconfig.OrdererConfig;
import io.weft.configtx.ConfigtxException;
import io.weft.protoutil.Envelopes;

/**
 * Fabric's message processor of a standard channel ({@code msgprocessor.StandardChannel} with the chain support's
 * {@code ProposeConfigUpdate}): checks a normal message against the current config, and turns a config update into
 * the signed {@code CONFIG} envelope of the next config. Each call works on one snapshot of the channel's config and
 * answers that config's sequence, so the ordering thread can tell which messages to check again after a config change.
 * Thread-safe: broadcast streams call it concurrently. The system channel's processor extends it, as Fabric's
 * {@code SystemChannel} embeds the standard one.
 */
class StandardChannelProcessor {

    /** A {@code CONFIG} envelope ready to order, and the sequence of the config it was computed from. */
    record ConfigMessage(Envelope config, long configSeq) {
    }

    private final String channelId;
    private final Supplier<ChannelConfig> current;
    private final SigningIdentity signer;
    private final Bccsp bccsp;
    private final StandardChannelFilters filters;

    StandardChannelProcessor(String channelId, Supplier<ChannelConfig> current, SigningIdentity signer, Bccsp bccsp,
            StandardChannelFilters filters) {
        this.channelId = channelId;
        this.current = current;
        this.signer = signer;
        this.bccsp = bccsp;
        this.filters = filters;
    }

    /** Fabric's {@code ProcessNormalMsg}: the sequence of the config the message passed. */
    long processNormal(Envelope message) throws RejectedMessageException {
        ChannelConfig config = current.get();
        OrdererConfig orderer = OrdererConfigs.of(config);
        if (OrdererConfigs.consensusTypeMigration(orderer)
                && orderer.consensusState() != ConsensusType.State.STATE_NORMAL) {
            throw new RejectedMessageException(Status.SERVICE_UNAVAILABLE,
                    "normal transactions are rejected: maintenance mode");
        }
        filters.apply(message, config);
        return config.sequence();
    }

    /** Fabric's {@code ProcessConfigUpdateMsg}: the {@code CONFIG} envelope a {@code CONFIG_UPDATE} leads to. */
    ConfigMessage processConfigUpdate(Envelope update) throws RejectedMessageException {
        ChannelConfig config = current.get();
        try {
            filters.apply(update, config);
        } catch (RejectedMessageException e) {
            throw e.withContext("config update for existing channel did not pass initial checks");
        }
        ChannelConfig next;
        ConfigEnvelope nextEnvelope;
        try {
            nextEnvelope = config.configtxValidator().proposeConfigUpdate(update);
            next = checkedNext(config, nextEnvelope);
        } catch (ConfigtxException | ChannelConfigException e) {
            throw RejectedMessageException.badRequest("error applying config update to existing channel '" + channelId
                    + "': " + e.getMessage());
        }
        Envelope configTx = Envelopes.signed(HeaderType.CONFIG_VALUE, channelId, signer, nextEnvelope);
        // again, mostly for the size: the config transaction must fit the blocks the orderer may write
        try {
            filters.apply(configTx, config);
        } catch (RejectedMessageException e) {
            throw e.withContext("config update for existing channel did not pass final checks");
        }
        try {
            MaintenanceFilter.inspect(OrdererConfigs.of(config), OrdererConfigs.of(next));
        } catch (RejectedMessageException e) {
            throw e.withContext("config update for existing channel did not pass maintenance checks");
        }
        return new ConfigMessage(configTx, config.sequence());
    }

    /**
     * Fabric's {@code ProcessConfigMsg}: a {@code CONFIG} envelope computed under an older config, recomputed from
     * its config update under the current one.
     */
    ConfigMessage processConfig(Envelope configTx) throws RejectedMessageException {
        try {
            Payload payload = Payload.parseFrom(configTx.getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.CONFIG_VALUE) {
                throw RejectedMessageException.badRequest("invalid type " + header.getType() + ", expected CONFIG");
            }
            return processConfigUpdate(ConfigEnvelope.parseFrom(payload.getData()).getLastUpdate());
        } catch (InvalidProtocolBufferException e) {
            throw RejectedMessageException.badRequest("error unmarshalling config envelope: "
                    + GoText.PROTO_PARSE_ERROR);
        }
    }

    /** The chain support's checks of the proposed config: an orderer can serve it, and it may follow the current. */
    private ChannelConfig checkedNext(ChannelConfig config, ConfigEnvelope nextEnvelope)
            throws ChannelConfigException {
        ChannelConfig next = ChannelConfig.of(channelId, nextEnvelope.getConfig(), bccsp);
        try {
            next.requireOrdererSupport();
        } catch (ChannelConfigException e) {
            throw new ChannelConfigException("config update is not compatible: " + e.getMessage(), e);
        }
        config.validateNew(next);
        if (next.orderer().isEmpty()) {
            throw new ChannelConfigException("new config is missing orderer group");
        }
        return next;
    }
}
