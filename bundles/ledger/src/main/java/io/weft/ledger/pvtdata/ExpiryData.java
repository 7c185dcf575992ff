package io.weft.ledger.pvtdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import io.weft.ledger.LedgerException;
import io.weft.ledger.encoding.ByteWriter;

/**
 * The value of an expiry key: what a block committed that expires together. Fabric's private
 * {@code ExpiryData} message, {@code map<ns, NamespaceExpiryData{map<coll, TxNums> presentData = 1;
 * map<coll, bool> missingData = 2; map<coll, TxNums> bootKVHashes = 3}> map = 1}, encoded by hand
 * with map entries in key order (Go's output is one of the orders it may produce).
 */
final class ExpiryData {

    private final SortedMap<String, Namespace> namespaces = new TreeMap<>();

    /** One namespace's collections: transactions with present data, collections with missing data. */
    static final class Namespace {
        final SortedMap<String, List<Long>> presentData = new TreeMap<>();
        final SortedSet<String> missingData = new TreeSet<>();
        final SortedMap<String, List<Long>> bootKvHashes = new TreeMap<>();
    }

    void addPresentData(String ns, String coll, long txNum) {
        namespace(ns).presentData.computeIfAbsent(coll, c -> new ArrayList<>()).add(txNum);
    }

    void addMissingData(String ns, String coll) {
        namespace(ns).missingData.add(coll);
    }

    Map<String, Namespace> namespaces() {
        return namespaces;
    }

    private Namespace namespace(String ns) {
        return namespaces.computeIfAbsent(ns, n -> new Namespace());
    }

    byte[] encode() {
        ByteWriter out = new ByteWriter(64);
        for (Map.Entry<String, Namespace> e : namespaces.entrySet()) {
            Namespace n = e.getValue();
            ByteWriter value = new ByteWriter(32);
            txNumsMap(value, 1, n.presentData);
            for (String coll : n.missingData) {
                ByteWriter entry = new ByteWriter(16);
                string(entry, 1, coll);
                entry.varint(2 << 3 | WireFormat.WIRETYPE_VARINT).varint(1);
                bytes(value, 2, entry.toByteArray());
            }
            txNumsMap(value, 3, n.bootKvHashes);
            bytes(out, 1, mapEntry(e.getKey(), value.toByteArray()));
        }
        return out.toByteArray();
    }

    static ExpiryData decode(byte[] bytes) {
        ExpiryData data = new ExpiryData();
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == (1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    CodedInputStream entry = in.readBytes().newCodedInput();
                    String ns = "";
                    Namespace n = new Namespace();
                    for (int t = entry.readTag(); t != 0; t = entry.readTag()) {
                        switch (t) {
                            case 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> ns = entry.readStringRequireUtf8();
                            case 2 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> readNamespace(entry.readBytes()
                                    .newCodedInput(), n);
                            default -> entry.skipField(t);
                        }
                    }
                    data.namespaces.put(ns, n);
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new LedgerException("error while decoding expiry value: " + e.getMessage(), e);
        }
        return data;
    }

    private static void readNamespace(CodedInputStream in, Namespace n) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED || field < 1 || field > 3) {
                in.skipField(tag);
                continue;
            }
            CodedInputStream entry = in.readBytes().newCodedInput();
            String coll = "";
            List<Long> txNums = new ArrayList<>();
            boolean missing = false;
            for (int t = entry.readTag(); t != 0; t = entry.readTag()) {
                if (t == (1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    coll = entry.readStringRequireUtf8();
                } else if (field == 2 && t == (2 << 3 | WireFormat.WIRETYPE_VARINT)) {
                    missing = entry.readBool();
                } else if (field != 2 && t == (2 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    readTxNums(entry.readBytes().newCodedInput(), txNums);
                } else {
                    entry.skipField(t);
                }
            }
            switch (field) {
                case 1 -> n.presentData.put(coll, txNums);
                case 2 -> {
                    if (missing) {
                        n.missingData.add(coll);
                    }
                }
                default -> n.bootKvHashes.put(coll, txNums);
            }
        }
    }

    /** {@code TxNums{repeated uint64 list = 1}}, packed as proto3 writes it, unpacked accepted. */
    private static void readTxNums(CodedInputStream in, List<Long> out) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == (1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    out.add(in.readUInt64());
                }
                in.popLimit(limit);
            } else if (tag == (1 << 3 | WireFormat.WIRETYPE_VARINT)) {
                out.add(in.readUInt64());
            } else {
                in.skipField(tag);
            }
        }
    }

    private static void txNumsMap(ByteWriter out, int field, SortedMap<String, List<Long>> map) {
        for (Map.Entry<String, List<Long>> e : map.entrySet()) {
            ByteWriter txNums = new ByteWriter(16);
            if (!e.getValue().isEmpty()) {
                ByteWriter packed = new ByteWriter(8);
                e.getValue().forEach(packed::varint);
                bytes(txNums, 1, packed.toByteArray());
            }
            bytes(out, field, mapEntry(e.getKey(), txNums.toByteArray()));
        }
    }

    private static byte[] mapEntry(String key, byte[] messageValue) {
        ByteWriter entry = new ByteWriter(key.length() + messageValue.length + 8);
        string(entry, 1, key);
        bytes(entry, 2, messageValue);
        return entry.toByteArray();
    }

    private static void string(ByteWriter out, int field, String s) {
        bytes(out, field, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteWriter out, int field, byte[] b) {
        out.varint(field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED).lengthPrefixed(b);
    }
}
