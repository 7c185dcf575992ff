package io.weft.ledger.txmgr;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReadsMerkleSummary;

import io.weft.protoutil.Hashing;

/**
 * Fabric's incremental merkle tree over range-query result hashes: a level that grows past {@code maxDegree}
 * hashes is replaced by one hash (SHA-256 of the concatenation) on the level above.
 */
final class MerkleTree {

    private final int maxDegree;
    private final TreeMap<Integer, List<byte[]>> levels = new TreeMap<>();
    private int maxLevel = 1;

    MerkleTree(int maxDegree) {
        this.maxDegree = maxDegree;
    }

    void update(byte[] leafHash) {
        level(1).add(leafHash);
        int current = 1;
        while (level(current).size() > maxDegree) {
            byte[] combined = combine(levels.remove(current));
            current++;
            level(current).add(combined);
            maxLevel = Math.max(maxLevel, current);
        }
    }

    /** Folds every lower level up into the top level, which then holds at most {@code maxDegree} hashes. */
    void done() {
        int current = 1;
        while (current < maxLevel) {
            List<byte[]> hashes = levels.remove(current);
            current++;
            if (hashes == null || hashes.isEmpty()) {
                continue;
            }
            level(current).add(hashes.size() == 1 ? hashes.get(0) : combine(hashes));
        }
        List<byte[]> top = level(maxLevel);
        if (top.size() > maxDegree) {
            levels.remove(maxLevel);
            maxLevel++;
            level(maxLevel).add(combine(top));
        }
    }

    boolean isEmpty() {
        return maxLevel == 1 && level(1).isEmpty();
    }

    QueryReadsMerkleSummary summary() {
        QueryReadsMerkleSummary.Builder b = QueryReadsMerkleSummary.newBuilder().setMaxDegree(maxDegree)
                .setMaxLevel(maxLevel);
        for (byte[] h : level(maxLevel)) {
            b.addMaxLevelHashes(ByteString.copyFrom(h));
        }
        return b.build();
    }

    private List<byte[]> level(int level) {
        return levels.computeIfAbsent(level, l -> new ArrayList<>());
    }

    private static byte[] combine(List<byte[]> hashes) {
        MessageDigest d = Hashing.sha256();
        for (byte[] h : hashes) {
            d.update(h);
        }
        return d.digest();
    }
}
