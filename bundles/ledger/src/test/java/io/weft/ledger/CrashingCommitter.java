package io.weft.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.weft.ledger.testing.TestStores;
import io.weft.ledger.txmgr.TestTransactions;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * The child process of {@link CrashRecoveryTest}: opens (or creates) the ledger and commits blocks
 * until it is killed, printing {@code committed <n>} once block n's commit has returned. Block n's
 * content depends on n alone, so the test can replay what any prefix of the chain must give.
 */
public final class CrashingCommitter {

    static final int TXS_PER_BLOCK = 10;

    private CrashingCommitter() {
    }

    /** The transactions of block {@code n}: tx j writes {@code k<(7n+j) mod 97> = b<n>t<j>} and {@code last = n}. */
    static List<Envelope> transactions(long n) {
        List<Envelope> txs = new ArrayList<>();
        for (int j = 0; j < TXS_PER_BLOCK; j++) {
            txs.add(TestTransactions.endorserTx("b" + n + "t" + j, n, TestTransactions.writes("cc",
                    "k" + ((7 * n + j) % 97), "b" + n + "t" + j, "last", String.valueOf(n))));
        }
        return txs;
    }

    public static void main(String[] args) throws Exception {
        LedgerLayout layout = new LedgerLayout(Path.of(args[0]));
        Block genesis = Block.parseFrom(Files.readAllBytes(Path.of(args[1])));
        try (LedgerProvider ledgers = LedgerProvider.open(layout, TestStores.provider(args[2]),
                LedgerConfig.defaults())) {
            KvLedger ledger = ledgers.exists("mychannel") ? ledgers.open("mychannel") : ledgers.create(genesis);
            Block previous = ledger.blocks().blockByNumber(ledger.height() - 1).orElseThrow();
            byte[] valid = new byte[TXS_PER_BLOCK];
            while (true) {
                Block next = TestTransactions.block(previous, transactions(previous.getHeader().getNumber() + 1), valid);
                ledger.commit(BlockAndPvtData.of(next));
                System.out.println("committed " + next.getHeader().getNumber());
                System.out.flush();
                previous = next;
            }
        }
    }
}
