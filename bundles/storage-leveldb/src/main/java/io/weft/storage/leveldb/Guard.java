package io.weft.storage.leveldb;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import io.weft.api.storage.StorageException;

/**
 * Keeps native handles from being used after they are freed, which would crash the JVM rather than throw: calls
 * run under the read lock; closing the store takes the write lock and frees the open snapshots and iterators before
 * the database.
 */
final class Guard {

    /** A native handle that the store frees when it closes first. */
    interface Handle {
        void free();
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<Handle> open = ConcurrentHashMap.newKeySet();
    private boolean closed; // guarded by lock

    /** Runs {@code action} while the store is open; throws {@link StorageException#CLOSED} otherwise. */
    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new StorageException(StorageException.CLOSED);
            }
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Frees {@code handle} now unless the store's close has freed it already; {@code exclusive} stops all reads. */
    void free(Handle handle, boolean exclusive) {
        var l = exclusive ? lock.writeLock() : lock.readLock();
        l.lock();
        try {
            if (!closed) {
                open.remove(handle);
                handle.free();
            }
        } finally {
            l.unlock();
        }
    }

    /** Registers a handle to free on close (call inside {@link #read}). */
    <T extends Handle> T track(T handle) {
        open.add(handle);
        return handle;
    }

    /** Frees the tracked handles, then runs {@code closeStore}; idempotent. */
    void close(Runnable closeStore) {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Handle handle : open) {
                handle.free();
            }
            open.clear();
            closeStore.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
