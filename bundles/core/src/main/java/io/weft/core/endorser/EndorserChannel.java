package io.weft.core.endorser;

import java.util.Objects;

import io.weft.channelconfig.ChannelConfig;
import io.weft.ledger.KvLedger;

/**
 * A joined channel as the endorser sees it for one request: its current configuration and its open ledger.
 *
 * @param config the channel's configuration (MSPs, policies, capabilities, ACLs)
 * @param ledger the channel's ledger (duplicate txids, simulators, definitions)
 */
public record EndorserChannel(ChannelConfig config, KvLedger ledger) {

    public EndorserChannel {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(ledger, "ledger");
    }
}
