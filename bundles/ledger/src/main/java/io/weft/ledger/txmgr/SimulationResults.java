package io.weft.ledger.txmgr;

import java.util.Map;
import java.util.Set;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;

/**
 * What a simulation produced: the public read-write set (private writes only as hashes), the private one (null
 * without private writes), the collections whose private data was read, and the committed metadata of every key
 * written (namespace → collection ("" for public) → key → entries), which endorsement uses for key-level policies.
 */
public record SimulationResults(TxReadWriteSet pub, TxPvtReadWriteSet pvt,
        Map<String, Set<String>> privateReads,
        Map<String, Map<String, Map<String, Map<String, ByteString>>>> writesetMetadata) {

    SimulationResults(TxReadWriteSet pub, TxPvtReadWriteSet pvt) {
        this(pub, pvt, Map.of(), Map.of());
    }

    public ByteString pubBytes() {
        return pub.toByteString();
    }

    /** The private read-write set's bytes, or null without private writes. */
    public ByteString pvtBytes() {
        return pvt == null ? null : pvt.toByteString();
    }

    public boolean containsPvtWrites() {
        return pvt != null;
    }
}
