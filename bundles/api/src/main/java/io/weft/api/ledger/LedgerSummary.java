package io.weft.api.ledger;

import java.util.List;
import java.util.OptionalLong;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The peer's ledgers as opened on one storage backend. The core registers one while its ledger manager is active,
 * also when opening failed (then {@link #problems()} says why), with the service property
 * {@code weft.storage.name} naming the backend.
 */
@ProviderType
public interface LedgerSummary {

    /** One channel's ledger: its block height and the heights its state and history databases have reached. */
    record ChannelHeights(String channel, long height, long stateHeight, OptionalLong historyHeight) {
    }

    /** The storage backend the ledgers are open on ({@code weft.storage.name}). */
    String backend();

    /** The open channel ledgers, ordered by channel name. */
    List<ChannelHeights> ledgers();

    /** Why the ledgers, or some channels' ledgers, could not be opened; empty when all are open. */
    List<String> problems();
}
