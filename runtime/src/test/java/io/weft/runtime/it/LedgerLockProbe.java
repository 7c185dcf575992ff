package io.weft.runtime.it;

import java.nio.file.Path;

import io.weft.ledger.LedgerException;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerLock;

/** A second process trying the peer's ledger lock, as an offline {@code peer node} command does. */
public final class LedgerLockProbe {

    private LedgerLockProbe() {
    }

    /** Prints {@code acquired}, or the refusal; exits 0 or 3. */
    public static void main(String[] args) throws Exception {
        try (LedgerLock lock = LedgerLock.acquire(new LedgerLayout(Path.of(args[0])))) {
            System.out.println("acquired");
        } catch (LedgerException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
