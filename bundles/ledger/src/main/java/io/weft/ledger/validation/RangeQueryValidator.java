package io.weft.ledger.validation;

import java.util.List;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReadsMerkleSummary;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

import io.weft.ledger.state.StateDb;
import io.weft.ledger.state.UpdateBatch;
import io.weft.ledger.state.Version;
import io.weft.ledger.state.VersionedKV;
import io.weft.ledger.txmgr.RangeQueryResultsHelper;

/**
 * Re-executes a recorded range query over committed state merged with the block's earlier updates and compares the
 * results with the record: key by key with the raw reads, or by re-building the merkle summary when the simulation
 * recorded only that. Any difference is a phantom read.
 */
final class RangeQueryValidator {

    private final StateDb db;

    RangeQueryValidator(StateDb db) {
        this.db = db;
    }

    boolean isValid(String ns, RangeQueryInfo rq, UpdateBatch updates) {
        // an iterator the chaincode did not exhaust recorded the last key it saw as the end key: include it
        try (CombinedIterator itr = new CombinedIterator(db, updates, ns, rq.getStartKey(), rq.getEndKey(),
                !rq.getItrExhausted())) {
            return rq.hasReadsMerkleHashes() ? matchesSummary(itr, rq.getReadsMerkleHashes())
                    : matchesRawReads(itr, rq.getRawReads().getKvReadsList());
        }
    }

    private static boolean matchesRawReads(CombinedIterator itr, List<KVRead> reads) {
        for (KVRead read : reads) {
            VersionedKV result = itr.next();
            if (result == null || !result.key().toStringUtf8().equals(read.getKey())
                    || !read.hasVersion() || !sameVersion(result.value().version(), read)) {
                return false;
            }
        }
        return itr.next() == null; // a further result is a phantom inserted into the range
    }

    /**
     * Fabric compares the summary's top-level hashes as they are built and stops at the first difference; a hash
     * that differs once can never match again, so comparing the finished summary decides the same.
     */
    private static boolean matchesSummary(CombinedIterator itr, QueryReadsMerkleSummary expected) {
        RangeQueryResultsHelper helper = new RangeQueryResultsHelper(true, expected.getMaxDegree());
        for (VersionedKV result = itr.next(); result != null; result = itr.next()) {
            helper.add(kvRead(result));
        }
        QueryReadsMerkleSummary actual = helper.done().summary();
        return actual != null && actual.getMaxDegree() == expected.getMaxDegree()
                && actual.getMaxLevel() == expected.getMaxLevel()
                && actual.getMaxLevelHashesList().equals(expected.getMaxLevelHashesList());
    }

    private static KVRead kvRead(VersionedKV kv) {
        Version v = kv.value().version();
        return KVRead.newBuilder().setKey(kv.key().toStringUtf8())
                .setVersion(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
                        .setBlockNum(v.blockNum()).setTxNum(v.txNum()))
                .build();
    }

    private static boolean sameVersion(Version committed, KVRead read) {
        return committed != null && committed.blockNum() == read.getVersion().getBlockNum()
                && committed.txNum() == read.getVersion().getTxNum();
    }
}
