package io.weft.ledger.pvtdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import io.weft.api.storage.RangeIterator;
import io.weft.ledger.LedgerException;
import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.kv.DbHandle;

/**
 * When this peer becomes a member of existing collections, the data it missed there while
 * ineligible becomes eligible (Fabric's {@code ProcessCollsEligibilityEnabled}): the event is
 * stored first ({@code 06 ‖ rev(blk)} → {@code CollElgInfo{map<ns, CollNames{repeated string
 * entries = 1}> nsCollMap = 1}}), then the ineligible entries up to that block are moved to the
 * prioritized group and the event deleted. An event left by a crash is processed at the next open.
 * Fabric does this in the background; here it runs in the caller's thread, in batches of
 * {@code maxBatchEntries} moves.
 */
final class CollEligibility {

    private final DbHandle db;
    private final int maxBatchEntries;

    CollEligibility(DbHandle db, int maxBatchEntries) {
        this.db = db;
        this.maxBatchEntries = maxBatchEntries;
    }

    void record(long committingBlock, Map<String, List<String>> nsColls) {
        db.write(db.newBatch().put(PvtDataKeys.collEligibility(committingBlock), encode(nsColls)), true);
    }

    /** Converts the entries of every stored event, newest event first. */
    void processEvents() {
        byte[][] range = PvtDataKeys.collEligibilityRange();
        Map<byte[], byte[]> events = new LinkedHashMap<>();
        try (RangeIterator it = db.range(range[0], range[1])) {
            while (it.next()) {
                events.put(Arrays.copyOfRange(it.key(), db.prefixLength(), it.key().length), it.value());
            }
        }
        for (Map.Entry<byte[], byte[]> event : events.entrySet()) {
            long blockNum = new ByteReader(event.getKey(), 1, event.getKey().length - 1)
                    .reverseOrder();
            Map<String, List<String>> nsColls;
            try {
                nsColls = decode(event.getValue());
            } catch (LedgerException e) {
                continue; // Fabric leaves an undecodable event in place
            }
            DbHandle.Batch batch = db.newBatch();
            int pending = 0;
            for (Map.Entry<String, List<String>> ns : nsColls.entrySet()) {
                for (String coll : ns.getValue()) {
                    pending = convert(batch, pending, ns.getKey(), coll, blockNum);
                    if (pending >= maxBatchEntries) {
                        db.write(batch, true);
                        batch = db.newBatch();
                        pending = 0;
                    }
                }
            }
            db.write(batch.delete(event.getKey()), true);
        }
    }

    private int convert(DbHandle.Batch batch, int pending, String ns, String coll, long blockNum) {
        byte[][] range = PvtDataKeys.ineligibleMissingRange(ns, coll, blockNum);
        try (RangeIterator it = db.range(range[0], range[1])) {
            while (it.next()) {
                byte[] key = it.key();
                PvtDataKeys.MissingKey missing = PvtDataKeys.decodeIneligibleMissing(key, db.prefixLength());
                batch.delete(Arrays.copyOfRange(key, db.prefixLength(), key.length));
                batch.put(PvtDataKeys.eligibleMissing(PvtDataKeys.ELG_PRIORITIZED_MISSING, missing.ns(),
                        missing.coll(), missing.blockNum()), it.value());
                pending++;
            }
        }
        return pending;
    }

    static byte[] encode(Map<String, List<String>> nsColls) {
        ByteWriter out = new ByteWriter(64);
        for (Map.Entry<String, List<String>> e : new TreeMap<>(nsColls).entrySet()) {
            ByteWriter names = new ByteWriter(32);
            for (String coll : e.getValue()) {
                string(names, 1, coll);
            }
            ByteWriter entry = new ByteWriter(64);
            string(entry, 1, e.getKey());
            entry.varint(2 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED).lengthPrefixed(names.toByteArray());
            out.varint(1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED).lengthPrefixed(entry.toByteArray());
        }
        return out.toByteArray();
    }

    static Map<String, List<String>> decode(byte[] value) {
        Map<String, List<String>> result = new TreeMap<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(value);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag != (1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    in.skipField(tag);
                    continue;
                }
                CodedInputStream entry = in.readBytes().newCodedInput();
                String ns = "";
                List<String> colls = new ArrayList<>();
                for (int t = entry.readTag(); t != 0; t = entry.readTag()) {
                    if (t == (1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                        ns = entry.readStringRequireUtf8();
                    } else if (t == (2 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                        CodedInputStream names = entry.readBytes().newCodedInput();
                        for (int n = names.readTag(); n != 0; n = names.readTag()) {
                            if (n == (1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                                colls.add(names.readStringRequireUtf8());
                            } else {
                                names.skipField(n);
                            }
                        }
                    } else {
                        entry.skipField(t);
                    }
                }
                result.put(ns, colls);
            }
        } catch (IOException e) {
            throw new LedgerException("error decoding collection eligibility event: " + e.getMessage(), e);
        }
        return result;
    }

    private static void string(ByteWriter out, int field, String s) {
        out.varint(field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)
                .lengthPrefixed(s.getBytes(StandardCharsets.UTF_8));
    }
}
