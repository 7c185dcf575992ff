package io.weft.ledger.txmgr;

import java.util.ArrayList;
import java.util.List;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReadsMerkleSummary;

import io.weft.ledger.LedgerException;
import io.weft.protoutil.Hashing;

/**
 * Fabric's record of a range query's results: the raw reads while there are at most {@code maxDegree} of them;
 * beyond that, each run of {@code maxDegree + 1} reads is hashed (SHA-256 of the serialized {@code QueryReads}) into
 * a merkle tree of that degree, and only its summary is kept. Simulation records with it; validation re-computes
 * the record over the current state to find phantom reads.
 */
public final class RangeQueryResultsHelper {

    /** Raw reads when no hashing happened; otherwise the merkle summary (and no raw reads). */
    public record Result(List<KVRead> rawReads, QueryReadsMerkleSummary summary) {
    }

    private final int maxDegree;
    private final boolean hashing;
    private final MerkleTree tree;
    private List<KVRead> pending = new ArrayList<>();

    public RangeQueryResultsHelper(boolean hashing, int maxDegree) {
        if (hashing && maxDegree < 2) {
            throw new LedgerException("maxDegree [" + maxDegree + "] should not be less than 2 in the merkle tree");
        }
        this.hashing = hashing;
        this.maxDegree = maxDegree;
        this.tree = hashing ? new MerkleTree(maxDegree) : null;
    }

    public void add(KVRead read) {
        pending.add(read);
        if (hashing && pending.size() > maxDegree) {
            flushPending();
        }
    }

    public Result done() {
        if (!hashing || tree.isEmpty()) {
            return new Result(pending, null);
        }
        if (!pending.isEmpty()) {
            flushPending();
        }
        tree.done();
        return new Result(List.of(), tree.summary());
    }

    private void flushPending() {
        byte[] serialized = QueryReads.newBuilder().addAllKvReads(pending).build().toByteArray();
        pending = new ArrayList<>();
        tree.update(Hashing.sha256(com.google.protobuf.UnsafeByteOperations.unsafeWrap(serialized)));
    }
}
