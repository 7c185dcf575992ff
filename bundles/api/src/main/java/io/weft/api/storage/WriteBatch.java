package io.weft.api.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Puts and deletes to apply atomically with {@link KeyValueStore#write}. Keys and values are copied when added, so
 * the caller may reuse its arrays. Not thread-safe.
 */
public final class WriteBatch {

    /** Receives a batch's operations in the order they were added (how a backend applies a batch). */
    public interface Visitor {

        void put(byte[] key, byte[] value);

        void delete(byte[] key);
    }

    // value == null marks a delete
    private record Op(byte[] key, byte[] value) {
    }

    private final List<Op> ops = new ArrayList<>();

    /** Sets {@code key} to {@code value}; an empty value is a value. */
    public WriteBatch put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        ops.add(new Op(key.clone(), value.clone()));
        return this;
    }

    /** Removes {@code key}; removing an absent key is not an error. */
    public WriteBatch delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        ops.add(new Op(key.clone(), null));
        return this;
    }

    /** The number of operations. */
    public int size() {
        return ops.size();
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** Empties the batch for reuse. */
    public void clear() {
        ops.clear();
    }

    /**
     * Replays the operations in order. The arrays are the batch's private copies and never change, so a backend may
     * keep them; it must not modify them or hand them out.
     */
    public void forEach(Visitor visitor) {
        for (Op op : ops) {
            if (op.value() == null) {
                visitor.delete(op.key());
            } else {
                visitor.put(op.key(), op.value());
            }
        }
    }
}
