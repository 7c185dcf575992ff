package io.weft.orderer;

import java.io.IOException;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/** Where the orderer keeps its channels' ledgers (Fabric's {@code blockledger.Factory}). */
@ConsumerType
public interface OrdererLedgers {

    /** Opens the ledger of {@code channelId}, creating it empty when missing. */
    OrdererLedger open(String channelId) throws IOException;

    /** The channels that have a ledger. */
    Set<String> channels() throws IOException;

    /** Deletes the ledger of {@code channelId} (closed by the caller first). */
    void remove(String channelId) throws IOException;
}
