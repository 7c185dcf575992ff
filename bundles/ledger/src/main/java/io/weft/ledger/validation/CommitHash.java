package io.weft.ledger.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;

import org.hyperledger.fabric.protos.common.Metadata;

import io.weft.ledger.encoding.GoStringOrder;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.VersionedValue;
import io.weft.protoutil.Hashing;

/**
 * The peer-local commit hash chained through the blocks' COMMIT_HASH metadata: SHA-256 of
 * {@code varint(len(filter)) ‖ filter ‖ updateBytes ‖ previous commit hash}. {@code updateBytes} is Fabric's
 * deterministic {@code Updates{repeated KVWrite kvwrites = 1}} of the block's public and hashed updates (private
 * values and metadata are not part of it; neither is the channel config's empty namespace), see
 * {@link #updateBytes}.
 */
public final class CommitHash {

    private static final String JOINER = "$$";

    private CommitHash() {
    }

    /**
     * Fabric adds a commit hash from block 1 on, and afterwards only while the previous block had one (a ledger
     * that started without them never gets them).
     */
    public static boolean isComputed(long blockNum, byte[] previousCommitHash) {
        return blockNum == 1 || (previousCommitHash != null && previousCommitHash.length > 0);
    }

    /** The new commit hash; {@code previousCommitHash} may be null or empty (block 1). */
    public static byte[] compute(ByteString txFilter, byte[] updateBytes, byte[] previousCommitHash) {
        MessageDigest d = Hashing.sha256();
        byte[] len = new byte[CodedOutputStream.computeUInt64SizeNoTag(txFilter.size())];
        writeLength(len, txFilter.size());
        d.update(len);
        d.update(txFilter.asReadOnlyByteBuffer());
        d.update(updateBytes);
        if (previousCommitHash != null) {
            d.update(previousCommitHash);
        }
        return d.digest();
    }

    /** The bytes of block metadata slot COMMIT_HASH: {@code Metadata{value = commitHash}}. */
    public static ByteString metadata(byte[] commitHash) {
        return Metadata.newBuilder().setValue(UnsafeByteOperations.unsafeWrap(commitHash)).build().toByteString();
    }

    /**
     * Fabric's deterministic bytes of a block's updates: namespaces in order; within one, its public keys in order,
     * then its collections in order with their key hashes in order. {@code namespace} is set only on the first entry
     * of a namespace, {@code collection} on the first of a collection; {@code version_bytes} is the height as the
     * state database stores it.
     */
    public static byte[] updateBytes(UpdateBatch batch) {
        List<Entry> entries = entries(batch);
        int total = 0;
        for (Entry e : entries) {
            e.size = e.computeSize();
            total += CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(e.size) + e.size;
        }
        byte[] out = new byte[total];
        CodedOutputStream cos = CodedOutputStream.newInstance(out);
        try {
            for (Entry e : entries) {
                cos.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                cos.writeUInt32NoTag(e.size);
                e.writeTo(cos);
            }
            cos.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the array was sized exactly
        }
        return out;
    }

    private static List<Entry> entries(UpdateBatch batch) {
        // namespace → public namespace present?, collection → derived hashes namespace
        TreeMap<String, TreeMap<String, String>> collections = new TreeMap<>(GoStringOrder.INSTANCE);
        TreeMap<String, Boolean> publicNs = new TreeMap<>(GoStringOrder.INSTANCE);
        for (String derived : batch.namespaces()) {
            int j = derived.indexOf(JOINER);
            if (j < 0) {
                publicNs.put(derived, true);
                collections.computeIfAbsent(derived, n -> new TreeMap<>(GoStringOrder.INSTANCE));
            } else if (derived.startsWith("h", j + JOINER.length())) {
                collections.computeIfAbsent(derived.substring(0, j), n -> new TreeMap<>(GoStringOrder.INSTANCE))
                        .put(derived.substring(j + JOINER.length() + 1), derived);
            } // private values ("$$p") are not part of the hash
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, TreeMap<String, String>> ns : collections.entrySet()) {
            if (ns.getKey().isEmpty()) {
                continue; // the channel config: Fabric leaves it out (its proto has maps, so no stable bytes)
            }
            int first = entries.size();
            if (publicNs.containsKey(ns.getKey())) {
                add(entries, batch.updates(ns.getKey()), null);
            }
            for (Map.Entry<String, String> coll : ns.getValue().entrySet()) {
                add(entries, batch.updates(coll.getValue()), coll.getKey());
            }
            if (entries.size() > first) {
                entries.get(first).namespace = ns.getKey();
            }
        }
        return entries;
    }

    private static void add(List<Entry> entries, NavigableMap<ByteString, VersionedValue> updates, String coll) {
        boolean first = true;
        for (Map.Entry<ByteString, VersionedValue> u : updates.entrySet()) {
            Entry e = new Entry(u.getKey(), u.getValue());
            if (first && coll != null) {
                e.collection = coll;
            }
            first = false;
            entries.add(e);
        }
    }

    private static void writeLength(byte[] into, long value) {
        try {
            CodedOutputStream cos = CodedOutputStream.newInstance(into);
            cos.writeUInt64NoTag(value);
            cos.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One {@code KVWrite}; proto3 leaves out empty fields. */
    private static final class Entry {
        final ByteString key;
        final VersionedValue vv;
        final byte[] versionBytes;
        String namespace = "";
        String collection = "";
        int size;

        Entry(ByteString key, VersionedValue vv) {
            this.key = key;
            this.vv = vv;
            this.versionBytes = vv.version().toBytes();
        }

        int computeSize() {
            int s = 0;
            if (!namespace.isEmpty()) {
                s += CodedOutputStream.computeStringSize(1, namespace);
            }
            if (!collection.isEmpty()) {
                s += CodedOutputStream.computeStringSize(2, collection);
            }
            if (!key.isEmpty()) {
                s += CodedOutputStream.computeBytesSize(3, key);
            }
            if (vv.isDelete()) {
                s += CodedOutputStream.computeBoolSize(4, true);
            } else if (!vv.value().isEmpty()) {
                s += CodedOutputStream.computeBytesSize(5, vv.value());
            }
            return s + CodedOutputStream.computeByteArraySize(6, versionBytes);
        }

        void writeTo(CodedOutputStream cos) throws IOException {
            if (!namespace.isEmpty()) {
                cos.writeString(1, namespace);
            }
            if (!collection.isEmpty()) {
                cos.writeString(2, collection);
            }
            if (!key.isEmpty()) {
                cos.writeBytes(3, key);
            }
            if (vv.isDelete()) {
                cos.writeBool(4, true);
            } else if (!vv.value().isEmpty()) {
                cos.writeBytes(5, vv.value());
            }
            cos.writeByteArray(6, versionBytes);
        }
    }
}
