package io.weft.api.storage;

/** A storage failure: an I/O or corruption error of the backend, or use of a closed store, snapshot or iterator. */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** goleveldb's message for use of a closed store. */
    public static final String CLOSED = "leveldb: closed";

    /** goleveldb's message for use of a released snapshot. */
    public static final String SNAPSHOT_RELEASED = "leveldb: snapshot released";

    /** goleveldb's message for use of a released iterator. */
    public static final String ITERATOR_RELEASED = "leveldb/iterator: iterator released";

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
