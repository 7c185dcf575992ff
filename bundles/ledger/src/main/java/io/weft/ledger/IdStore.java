package io.weft.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.RangeIterator;
import io.weft.ledger.encoding.ByteReader;
import io.weft.ledger.encoding.ByteWriter;
import io.weft.ledger.kv.DataFormat;

/**
 * Fabric's idStore ({@code ledgersData/ledgerProvider}): which channel ledgers exist and their
 * status. Keys are raw: {@code "f"} holds the data format, {@code 's' <ledgerId>} a
 * {@code LedgerMetadata{status 1}}. Ledgers bootstrapped from snapshots are not supported.
 */
public final class IdStore implements AutoCloseable {

    /** Fabric 2.x's data format of the idStore, index, state and history databases. */
    public static final String CURRENT_FORMAT = "2.0";

    private static final byte[] FORMAT_KEY = {'f'};
    private static final byte METADATA_PREFIX = 's';

    private final KeyValueStore db;
    private final Path path;

    private IdStore(KeyValueStore db, Path path) {
        this.db = db;
        this.path = path;
    }

    /** Opens the idStore, writing the format into a new one and refusing one in another format. */
    public static IdStore open(KeyValueStore db, Path path) {
        try {
            DataFormat.initOrRequire(db, FORMAT_KEY, CURRENT_FORMAT, dbInfo(path));
        } catch (LedgerException e) {
            db.close();
            throw e;
        }
        return new IdStore(db, path);
    }

    /**
     * Whether this is a Fabric 1.4 idStore that {@link #upgradeFormat} can rewrite; refused with
     * Fabric's messages for one already current, empty, or in an unknown format.
     *
     * <p>The rewrite: a Fabric 1.4 idStore (no format key; {@code 'l' <id>} → genesis block) in the 2.x
     * form: the format key and an ACTIVE status per ledger. Refused for a store already current.
     */
    static void requireUpgradable(KeyValueStore db, Path path) {
        byte[] format = db.get(FORMAT_KEY);
        if (DataFormat.isEmpty(db) || (format != null && CURRENT_FORMAT.equals(new String(format, StandardCharsets.UTF_8)))) {
            throw new LedgerException("the data format is already up to date. No upgrade is required");
        }
        if (format != null && format.length > 0) {
            throw DataFormat.mismatch(dbInfo(path), format, CURRENT_FORMAT);
        }
    }

    /** See {@link #requireUpgradable}, which must have passed. */
    static void upgradeFormat(KeyValueStore db) {
        io.weft.api.storage.WriteBatch batch = db.newBatch();
        batch.put(FORMAT_KEY, CURRENT_FORMAT.getBytes(StandardCharsets.UTF_8));
        try (RangeIterator it = db.range(new byte[] {'l'}, new byte[] {'l' + 1})) {
            while (it.next()) {
                byte[] k = it.key();
                batch.put(key(new String(k, 1, k.length - 1, StandardCharsets.UTF_8)), new byte[0]);
            }
        }
        db.write(batch, true);
    }

    private static String dbInfo(Path path) {
        return "leveldb for channel-IDs at [" + path + "]";
    }

    /** Records a new ledger; refused when one of that id exists in any status. */
    public void create(String ledgerId, LedgerStatus status) {
        Optional<LedgerStatus> existing = status(ledgerId);
        if (existing.isPresent()) {
            throw new LedgerException("ledger [" + ledgerId + "] already exists with state [" + existing.get() + "]");
        }
        put(ledgerId, status);
    }

    public void update(String ledgerId, LedgerStatus status) {
        if (status(ledgerId).isEmpty()) {
            throw new LedgerException("cannot update ledger status, ledger [" + ledgerId + "] does not exist");
        }
        put(ledgerId, status);
    }

    public void delete(String ledgerId) {
        db.write(db.newBatch().delete(key(ledgerId)), true);
    }

    public Optional<LedgerStatus> status(String ledgerId) {
        byte[] v = db.get(key(ledgerId));
        return v == null ? Optional.empty() : Optional.of(decode(v));
    }

    /** Ledger ids with one of {@code statuses}, in key order. */
    public List<String> ledgerIds(Set<LedgerStatus> statuses) {
        List<String> ids = new ArrayList<>();
        try (RangeIterator it = db.range(new byte[] {METADATA_PREFIX}, new byte[] {METADATA_PREFIX + 1})) {
            while (it.next()) {
                if (statuses.contains(decode(it.value()))) {
                    byte[] k = it.key();
                    ids.add(new String(k, 1, k.length - 1, StandardCharsets.UTF_8));
                }
            }
        }
        return ids;
    }

    public List<String> activeLedgerIds() {
        return ledgerIds(EnumSet.of(LedgerStatus.ACTIVE));
    }

    public Path path() {
        return path;
    }

    private void put(String ledgerId, LedgerStatus status) {
        ByteWriter value = new ByteWriter(4);
        if (status.ordinal() != 0) { // proto3 leaves the default out
            value.raw(0x08).varint(status.ordinal());
        }
        db.write(db.newBatch().put(key(ledgerId), value.toByteArray()), true);
    }

    private static LedgerStatus decode(byte[] value) {
        ByteReader in = new ByteReader(value);
        long status = 0;
        while (in.hasRemaining()) {
            int tag = in.byteValue();
            if (tag == 0x08) {
                status = in.varint();
            } else if (tag == 0x12) {
                throw new LedgerException("ledgers bootstrapped from a snapshot are not supported by Weft");
            } else {
                throw new LedgerException("cannot decode ledger metadata: field tag " + tag);
            }
        }
        return LedgerStatus.ofNumber(status);
    }

    private static byte[] key(String ledgerId) {
        return new ByteWriter(ledgerId.length() + 1).raw(METADATA_PREFIX)
                .raw(ledgerId.getBytes(StandardCharsets.UTF_8)).toByteArray();
    }


    @Override
    public void close() {
        db.close();
    }
}
