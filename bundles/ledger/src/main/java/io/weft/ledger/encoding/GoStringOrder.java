package io.weft.ledger.encoding;

import java.util.Comparator;

/**
 * Go's string order (bytewise over UTF-8), which Fabric uses whenever it sorts keys or namespaces. For
 * well-formed strings this is code-point order; {@link String#compareTo} differs for supplementary characters.
 */
public final class GoStringOrder implements Comparator<String> {

    public static final GoStringOrder INSTANCE = new GoStringOrder();

    private GoStringOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
