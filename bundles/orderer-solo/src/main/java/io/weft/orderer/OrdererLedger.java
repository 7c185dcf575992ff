package io.weft.orderer;

import java.util.Optional;
import java.util.function.Consumer;

import org.hyperledger.fabric.protos.common.Block;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A channel's blocks as the orderer keeps them (Fabric's {@code blockledger.ReadWriter}). One thread appends (the
 * channel's ordering thread); any number read. Listeners hear of each block once it is stored, on the appending
 * thread, so they must hand work off rather than block it (a Deliver stream wakes its own sender).
 */
@ProviderType
public interface OrdererLedger extends AutoCloseable {

    /** The number of blocks stored. */
    long height();

    /** Stores the next block: its number must be the height. */
    void append(Block block) throws LedgerWriteException;

    /** The block numbered {@code number}, if stored. */
    Optional<Block> block(long number);

    /** Calls {@code listener} with every block appended from now on, until the returned handle is closed. */
    Subscription onAppend(Consumer<Block> listener);

    @Override
    void close();

    /** A registered listener; closing it stops the calls. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** A block could not be stored: the chain cannot continue. */
    final class LedgerWriteException extends Exception {
        private static final long serialVersionUID = 1L;

        public LedgerWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
