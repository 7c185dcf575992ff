package io.weft.ledger.txmgr;

/** Fabric's results iterator: {@link #next()} returns null once there are no more results. */
public interface ResultsIterator<T> extends AutoCloseable {

    T next();

    @Override
    void close();
}
