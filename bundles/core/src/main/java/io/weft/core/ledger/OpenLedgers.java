package io.weft.core.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;

import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.api.ledger.LedgerSummary;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.transientstore.TransientStoreProvider;

/** The ledgers of an open {@link LedgerProvider}, with the channels that failed to open and why. */
final class OpenLedgers implements PeerLedgers, LedgerSummary {

    private static final Logger LOG = LoggerFactory.getLogger(OpenLedgers.class);

    private final String backend;
    private final LedgerProvider provider;
    private final Map<String, KvLedger> ledgers = new ConcurrentSkipListMap<>();
    private final Map<String, String> failures = new ConcurrentSkipListMap<>();

    OpenLedgers(String backend, LedgerProvider provider) {
        this.backend = backend;
        this.provider = provider;
    }

    /**
     * Opens every active ledger. As Fabric's peer, a channel that fails is logged and left out, and the
     * others serve.
     */
    void openAll() {
        for (String channel : provider.list()) {
            try {
                KvLedger ledger = provider.open(channel);
                ledgers.put(channel, ledger);
                LOG.info("[{}] Opened ledger at height {} on the {} backend", channel, ledger.height(), backend);
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                failures.put(channel, reason);
                LOG.error("[{}] Failed to load ledger: {}", channel, reason, e);
            }
        }
    }

    @Override
    public Optional<KvLedger> ledger(String channel) {
        return Optional.ofNullable(ledgers.get(channel));
    }

    @Override
    public List<String> channels() {
        return List.copyOf(ledgers.keySet());
    }

    // one creation at a time: the idStore's check-then-create is not atomic
    @Override
    public synchronized KvLedger create(Block genesis) throws IOException {
        KvLedger ledger = provider.create(genesis);
        ledgers.put(ledger.id(), ledger);
        LOG.info("[{}] Created ledger with genesis block", ledger.id());
        return ledger;
    }

    @Override
    public TransientStoreProvider transientStores() {
        return provider.transientStores();
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public List<ChannelHeights> ledgers() {
        List<ChannelHeights> heights = new ArrayList<>();
        ledgers.forEach((channel, ledger) -> heights.add(new ChannelHeights(channel, ledger.height(),
                ledger.stateHeight(), ledger.historyHeight().map(OptionalLong::of).orElse(OptionalLong.empty()))));
        return heights;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        failures.forEach((channel, reason) -> problems.add("[" + channel + "] " + reason));
        return problems;
    }
}
