package io.weft.ledger.pvtdata;

import java.util.HashSet;
import java.util.Set;

/**
 * The collections a reader wants, Fabric's {@code PvtNsCollFilter}. Readers take {@code null} for
 * "no filter"; an empty filter passes nothing.
 */
public final class PvtNsCollFilter {

    private final Set<NsColl> entries = new HashSet<>();

    public static PvtNsCollFilter of(NsColl... collections) {
        PvtNsCollFilter filter = new PvtNsCollFilter();
        for (NsColl c : collections) {
            filter.entries.add(c);
        }
        return filter;
    }

    public PvtNsCollFilter add(String namespace, String collection) {
        entries.add(new NsColl(namespace, collection));
        return this;
    }

    public boolean has(String namespace, String collection) {
        return entries.contains(new NsColl(namespace, collection));
    }

    /** Whether {@code filter} (null = no filter) lets the collection through. */
    public static boolean passes(PvtNsCollFilter filter, String namespace, String collection) {
        return filter == null || filter.has(namespace, collection);
    }
}
