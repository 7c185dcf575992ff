package io.weft.ledger.state;

import java.nio.charset.StandardCharsets;

import com.google.protobuf.ByteString;

/** Fabric's stateleveldb keys: {@code 'd' ns 0x00 key} for data and {@code 's'} for the savepoint. */
final class StateKeys {

    static final byte[] SAVEPOINT = {'s'};
    private static final byte DATA = 'd';
    private static final byte NS_END = 0x01; // just above the 0x00 separator: past every key of the namespace

    private StateKeys() {
    }

    static byte[] data(String ns, ByteString key) {
        byte[] nsBytes = ns.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[nsBytes.length + 2 + key.size()];
        k[0] = DATA;
        System.arraycopy(nsBytes, 0, k, 1, nsBytes.length);
        key.copyTo(k, nsBytes.length + 2);
        return k;
    }

    /** The exclusive end of a scan to the end of {@code ns}. */
    static byte[] namespaceEnd(String ns) {
        byte[] k = data(ns, ByteString.EMPTY);
        k[k.length - 1] = NS_END;
        return k;
    }

    /** Bytes before the user key in a data key of {@code ns}. */
    static int keyOffset(String ns) {
        return ns.getBytes(StandardCharsets.UTF_8).length + 2;
    }
}
