package io.weft.core.committer;

import java.util.Objects;

import org.hyperledger.fabric.protos.common.ConfigEnvelope;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.bccsp.Bccsp;
import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.ChannelConfigException;
import io.weft.configtx.ConfigtxException;
import io.weft.ledger.KvLedger;
import io.weft.ledger.txmgr.ConfigTransactions;
import io.weft.ledger.txmgr.QueryExecutor;

/**
 * A channel's current configuration (Fabric's channel resources bundle): read from the ledger's state when the
 * channel opens, replaced when a config block commits. Readers always see one whole configuration.
 */
public final class ChannelResources {

    private final String channelId;
    private final Bccsp bccsp;
    private volatile ChannelConfig config;

    public ChannelResources(ChannelConfig config, Bccsp bccsp) {
        this.config = Objects.requireNonNull(config, "config");
        this.channelId = config.channelId();
        this.bccsp = Objects.requireNonNull(bccsp, "bccsp");
    }

    /**
     * The configuration the ledger's state holds: the config envelope of the channel's last config transaction,
     * stored by every peer under {@code CHANNEL_CONFIG_ENV_BYTES}.
     *
     * @throws ChannelConfigException when the state holds none or it does not decode
     */
    public static ChannelResources fromLedger(KvLedger ledger, Bccsp bccsp) throws ChannelConfigException {
        QueryExecutor qe = ledger.newQueryExecutorNoCollChecks();
        ByteString raw;
        try {
            raw = qe.getState(ConfigTransactions.PEER_NAMESPACE, ConfigTransactions.CHANNEL_CONFIG_KEY);
        } finally {
            qe.done();
        }
        if (raw == null) {
            throw new ChannelConfigException("[channel " + ledger.id() + "] the ledger's state holds no channel config"
                    + " (a ledger written before Weft stored it: run 'peer node rebuild-dbs')");
        }
        try {
            ConfigEnvelope envelope = ConfigEnvelope.parseFrom(raw);
            return new ChannelResources(ChannelConfig.of(ledger.id(), envelope.getConfig(), bccsp), bccsp);
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelConfigException("[channel " + ledger.id() + "] stored channel config does not decode: "
                    + e.getMessage(), e);
        }
    }

    public String channelId() {
        return channelId;
    }

    public ChannelConfig config() {
        return config;
    }

    /**
     * Fabric's {@code Apply} of a config transaction, without installing it: the envelope must follow from its
     * last update under the current config, and the resulting config must be a valid successor this peer supports.
     */
    public ChannelConfig validateNext(ConfigEnvelope envelope) throws ConfigtxException, ChannelConfigException {
        ChannelConfig current = config;
        current.configtxValidator().validate(envelope);
        ChannelConfig next = ChannelConfig.of(channelId, envelope.getConfig(), bccsp);
        current.validateNew(next);
        next.requirePeerSupport();
        return next;
    }

    /** Makes {@code next} current; called once its block is committed. */
    void install(ChannelConfig next) {
        if (!next.channelId().equals(channelId)) {
            throw new IllegalArgumentException("config of channel " + next.channelId() + " for channel " + channelId);
        }
        config = next;
    }
}
