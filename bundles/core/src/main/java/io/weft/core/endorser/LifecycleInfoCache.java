package io.weft.core.endorser;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.weft.lifecycle.ChaincodeDefinition;

/**
 * One channel's lifecycle cache (Fabric keeps one too): what endorsing a {@code _lifecycle} chaincode needs from the
 * committed state besides its sequence — the definition, whether this org approved it, the package it approved with —
 * kept until the next block commits. Working it out reads eight or more keys and hashes the definition's parameters
 * four times, about 6 % of the endorser's CPU when done per proposal. The caller still reads the sequence through the
 * proposal's simulator, so read sets carry it as Fabric's do and a redefinition invalidates in-flight transactions.
 *
 * <p>Entries carry the generation they were worked out in; a commit starts a new generation, so an entry computed
 * while a block was committing is never served after that block's event.
 */
final class LifecycleInfoCache {

    /** A cache that keeps nothing: for channels whose commits it would not hear of. */
    static final LifecycleInfoCache NONE = new LifecycleInfoCache(false);

    /** What was worked out for one chaincode at one sequence. */
    record Entry(long generation, long sequence, ChaincodeDefinition definition, boolean approved,
            Optional<String> packageId) {
    }

    private final boolean enabled;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    LifecycleInfoCache() {
        this(true);
    }

    private LifecycleInfoCache(boolean enabled) {
        this.enabled = enabled;
    }

    /** Read before working out an entry, under the proposal's simulation (no commit runs meanwhile). */
    long generation() {
        return generation.get();
    }

    /** The entry for this chaincode at this sequence, if one is current. */
    Entry get(String chaincode, long sequence) {
        Entry e = entries.get(chaincode);
        return e != null && e.sequence() == sequence && e.generation() == generation.get() ? e : null;
    }

    void put(String chaincode, Entry entry) {
        if (enabled && entry.generation() == generation.get()) {
            entries.put(chaincode, entry);
        }
    }

    /** Called after each block commit of the channel. */
    void blockCommitted() {
        generation.incrementAndGet();
        entries.clear();
    }
}
