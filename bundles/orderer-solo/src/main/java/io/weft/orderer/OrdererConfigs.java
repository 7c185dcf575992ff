package io.weft.orderer;

import io.weft.channelconfig.Capabilities;
import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.OrdererConfig;

/** The orderer section of a channel's config, which every channel an orderer serves has (checked on creation). */
final class OrdererConfigs {

    private OrdererConfigs() {
    }

    static OrdererConfig of(ChannelConfig config) {
        return config.orderer().orElseThrow(() -> new IllegalStateException("[channel: " + config.channelId()
                + "] orderer config missing"));
    }

    /** Fabric's orderer {@code ConsensusTypeMigration} capability (orderer V1_4_2 or V2_0). */
    static boolean consensusTypeMigration(OrdererConfig orderer) {
        Capabilities caps = orderer.capabilities();
        return caps.has("V1_4_2") || caps.has("V2_0");
    }
}
