package io.weft.ledger.txmgr;

import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

import io.weft.ledger.state.StateIterator;
import io.weft.ledger.state.VersionedKV;

/**
 * A public range query of a query executor. In a simulation it also records what it returned, for phantom-read
 * checks at commit: the range actually covered (its end is the last key returned until the scan is exhausted)
 * and the reads, raw or as a merkle summary.
 */
final class RangeScanIterator implements QueryResultsIterator {

    private final String namespace;
    private final StateIterator it;
    private final boolean recording;
    private final String endKey;
    private final RangeQueryInfo.Builder info;
    private final RangeQueryResultsHelper results;

    RangeScanIterator(String namespace, String startKey, String endKey, StateIterator it, boolean recording,
            int maxDegree) {
        this.namespace = namespace;
        this.it = it;
        this.recording = recording;
        this.endKey = endKey;
        this.info = recording ? RangeQueryInfo.newBuilder().setStartKey(startKey) : null;
        this.results = recording ? new RangeQueryResultsHelper(true, maxDegree) : null;
    }

    @Override
    public KV next() {
        VersionedKV kv = it.next();
        if (recording) {
            if (kv == null) {
                info.setItrExhausted(true).setEndKey(endKey);
            } else {
                results.add(RwSetBuilder.read(kv.keyString(), kv.value().version()));
                info.setEndKey(kv.keyString());
            }
        }
        return kv == null ? null
                : KV.newBuilder().setNamespace(kv.namespace()).setKey(kv.keyString()).setValue(kv.value().value())
                        .build();
    }

    @Override
    public String bookmarkAndClose() {
        return it.bookmarkAndClose();
    }

    @Override
    public void close() {
        it.close();
    }

    String namespace() {
        return namespace;
    }

    /** The range query as the read-write set records it (only for a recording iterator). */
    RangeQueryInfo rangeQueryInfo() {
        RangeQueryResultsHelper.Result r = results.done();
        if (r.summary() != null) {
            info.setReadsMerkleHashes(r.summary());
        } else if (!r.rawReads().isEmpty()) {
            info.setRawReads(QueryReads.newBuilder().addAllKvReads(r.rawReads()));
        }
        return info.build();
    }
}
