package io.weft.core.endorser;

import java.util.Objects;

import io.weft.channelconfig.ChannelConfig;
import io.weft.ledger.KvLedger;
import io.weft.ledger.transientstore.TransientStore;

/**
 * A joined channel as the endorser sees it for one request: its current configuration and its open ledger.
 *
 * @param config the channel's configuration (MSPs, policies, capabilities, ACLs)
 * @param ledger the channel's ledger (duplicate txids, simulators, definitions)
 * @param transientStore where endorsed private write sets wait for their block
 * @param lifecycleCache the channel's lifecycle cache, told of every commit
 */
public record EndorserChannel(ChannelConfig config, KvLedger ledger, TransientStore transientStore,
        LifecycleInfoCache lifecycleCache) {

    public EndorserChannel {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(transientStore, "transientStore");
        Objects.requireNonNull(lifecycleCache, "lifecycleCache");
    }

    /** A channel whose commits the endorser does not hear of: nothing is cached. */
    public EndorserChannel(ChannelConfig config, KvLedger ledger, TransientStore transientStore) {
        this(config, ledger, transientStore, LifecycleInfoCache.NONE);
    }
}
