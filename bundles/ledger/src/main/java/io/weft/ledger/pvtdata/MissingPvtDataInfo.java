package io.weft.ledger.pvtdata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Missing private data of eligible collections: block number → transaction number → collections. */
public final class MissingPvtDataInfo {

    private final SortedMap<Long, SortedMap<Long, List<NsColl>>> blocks = new TreeMap<>(Collections.reverseOrder());

    void add(long blockNum, long txNum, String namespace, String collection) {
        blocks.computeIfAbsent(blockNum, b -> new TreeMap<>()).computeIfAbsent(txNum, t -> new ArrayList<>())
                .add(new NsColl(namespace, collection));
    }

    /** The blocks, newest first, each with its transactions in order. */
    public Map<Long, SortedMap<Long, List<NsColl>>> blocks() {
        return Collections.unmodifiableMap(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    @Override
    public String toString() {
        return blocks.toString();
    }
}
