package io.weft.ledger.txmgr;

import org.hyperledger.fabric.protos.ledger.queryresult.KV;

/** A range query's results with Fabric's pagination bookmark. */
public interface QueryResultsIterator extends ResultsIterator<KV> {

    /** The key the next page starts at ("" if none), closing the iterator. */
    String bookmarkAndClose();
}
