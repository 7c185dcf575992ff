package io.weft.ledger.transientstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.RangeIterator;
import io.weft.ledger.LedgerException;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.kv.DbHandle;

/**
 * The transient stores of all channels in one shared key-value store ({@code <fs>/transientstore}),
 * a database per channel. Dropping a channel's store is recorded first under {@code UNDER_DELETION}
 * in the system database (name "") so that a drop cut short by a crash is finished at the next open.
 */
public final class TransientStoreProvider {

    private static final byte[] UNDER_DELETION = "UNDER_DELETION".getBytes(StandardCharsets.UTF_8);

    private final KeyValueStore store;
    private final DbHandle system;

    private TransientStoreProvider(KeyValueStore store) {
        this.store = store;
        this.system = new DbHandle(store, "");
    }

    /** A provider over {@code store}, which stays the caller's to close; finishes interrupted drops. */
    public static TransientStoreProvider open(KeyValueStore store) {
        TransientStoreProvider provider = new TransientStoreProvider(store);
        for (String ledgerId : provider.markedForDeletion()) {
            provider.deleteAll(ledgerId);
            provider.clearMark(ledgerId);
        }
        return provider;
    }

    public TransientStore openStore(String ledgerId) {
        return new TransientStore(new DbHandle(store, ledgerId));
    }

    /** Removes all transient data of channel {@code ledgerId} (unjoin). */
    public void drop(String ledgerId) {
        List<String> marked = markedForDeletion();
        if (!marked.contains(ledgerId)) {
            marked.add(ledgerId);
            writeMarks(marked);
        }
        deleteAll(ledgerId);
        clearMark(ledgerId);
    }

    private void deleteAll(String ledgerId) {
        new DbHandle(store, ledgerId).deleteAll();
    }

    private void clearMark(String ledgerId) {
        List<String> marked = markedForDeletion();
        if (marked.removeIf(ledgerId::equals)) {
            writeMarks(marked);
        }
    }

    /** {@code PendingDeleteStorageList{repeated string list = 1}}. */
    private List<String> markedForDeletion() {
        List<String> ids = new ArrayList<>();
        byte[] value = system.get(UNDER_DELETION);
        if (value == null) {
            return ids;
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(value);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == (1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    ids.add(in.readStringRequireUtf8());
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new LedgerException("unmarshalling proto delete list: " + e.getMessage(), e);
        }
        return ids;
    }

    private void writeMarks(List<String> ids) {
        ByteWriter out = new ByteWriter(32);
        for (String id : ids) {
            out.varint(1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)
                    .lengthPrefixed(id.getBytes(StandardCharsets.UTF_8));
        }
        system.write(system.newBatch().put(UNDER_DELETION, out.toByteArray()), true);
    }
}
