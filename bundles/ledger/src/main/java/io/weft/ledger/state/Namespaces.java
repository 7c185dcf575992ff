package io.weft.ledger.state;

/** Fabric's derived namespaces that hold a collection's private data and its hashes in the state database. */
public final class Namespaces {

    private static final String JOINER = "$$";

    private Namespaces() {
    }

    /** {@code <ns>$$p<coll>}: the private values (kept only on peers that are members of the collection). */
    public static String privateData(String namespace, String collection) {
        return namespace + JOINER + "p" + collection;
    }

    /** {@code <ns>$$h<coll>}: SHA-256 of key → SHA-256 of value, kept on every peer. */
    public static String hashedData(String namespace, String collection) {
        return namespace + JOINER + "h" + collection;
    }

    public static boolean isPrivateData(String namespace) {
        return namespace.contains(JOINER + "p");
    }

    public static boolean isHashedData(String namespace) {
        return namespace.contains(JOINER + "h");
    }
}
