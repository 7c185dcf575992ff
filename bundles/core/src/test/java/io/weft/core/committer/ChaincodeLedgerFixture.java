package io.weft.core.committer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import com.google.protobuf.ByteString;

import io.weft.ledger.KvLedger;

/**
 * For chaincode support tests: a memory ledger where {@code mycc} is defined, and commits of read-write sets as
 * valid {@code mycc} transactions endorsed by peer0.org1.
 */
public final class ChaincodeLedgerFixture implements AutoCloseable {

    public static final String CC = CommitterTestBed.CC;

    private final CommitterTestBed bed;
    private final KvLedger ledger;

    public ChaincodeLedgerFixture(Path dir) throws Exception {
        bed = new CommitterTestBed(dir);
        ledger = bed.ledger("cc");
    }

    public KvLedger ledger() {
        return ledger;
    }

    /** Commits the simulation's public read-write set as one valid transaction. */
    public void commit(TxReadWriteSet results) throws Exception {
        BlockCommitter c = bed.committer(ledger, 1);
        assertThat(c.commit(bed.next(ledger, bed.fx.tx().chaincode(CC).results(results).endorsedBy(bed.fx.peer1)
                .build())).codes()).containsExactly(TxValidationCode.VALID);
    }

    public ByteString state(String key) {
        return CommitterTestBed.state(ledger, CC, key);
    }

    @Override
    public void close() throws Exception {
        bed.close();
    }
}
