package io.weft.core.ledger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.weft.api.ledger.LedgerSummary;
import io.weft.api.node.HealthChecker;
import io.weft.api.storage.StorageProvider;
import io.weft.config.PeerConfigurations;

/**
 * The {@code ledger} health check: fails while the configured storage backend is missing, while the ledgers are
 * not open, and when they or some channel's ledger failed to open. Its {@code storage} reference takes the same
 * target as the ledger manager's, from the same PID, but is optional so the check outlives the backend.
 */
@Component(service = HealthChecker.class, configurationPid = PeerConfigurations.LEDGER_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class LedgerHealthComponent implements HealthChecker {

    /** The backend named in the ledger PID. */
    public @interface Config {
        String backend();
    }

    @Reference(name = "storage", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StorageProvider storage;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LedgerSummary summary;

    private final String backend;

    @Activate
    public LedgerHealthComponent(Config config) {
        this.backend = config.backend();
    }

    @Override
    public String component() {
        return "ledger";
    }

    @Override
    public void check() {
        check(backend, storage, summary);
    }

    /** Passes when {@code storage} is there and {@code summary} reports the ledgers open without problems. */
    static void check(String backend, StorageProvider storage, LedgerSummary s) {
        if (storage == null) {
            throw new IllegalStateException("storage backend [" + backend + "] is not available: no service with "
                    + StorageProvider.NAME_PROPERTY + "=" + backend);
        }
        if (s == null) {
            throw new IllegalStateException("the ledgers are not open yet");
        }
        if (!s.problems().isEmpty()) {
            throw new IllegalStateException(String.join("; ", s.problems()));
        }
    }
}
