package io.weft.core.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.api.ledger.LedgerSummary;
import io.weft.api.storage.StorageProvider;
import io.weft.config.PeerConfigurations;
import io.weft.ledger.LedgerConfig;
import io.weft.ledger.LedgerLayout;
import io.weft.ledger.LedgerProvider;
import io.weft.ledger.pvtdata.PvtDataConfig;

/**
 * Fabric's ledger manager: opens the peer's ledgers on the configured storage backend and every joined channel's
 * ledger, holding the ledger lock (which offline {@code peer node} commands check) while active.
 *
 * <p>The {@code storage} reference is static and mandatory, its target set by the PID's {@code storage.target}: when
 * the backend's service goes away or the configured backend changes, DS deactivates this component (ledgers closed,
 * lock released) and activates it again on the new backend. Backends are never reloaded in place.
 *
 * <p>A failure to open is logged and published, not fatal: the node stays STARTED (its listeners do not depend on
 * the ledgers, and a swap must not restart it), while {@link LedgerHealthComponent} makes {@code /healthz} fail with
 * the reason and {@code weft:ledgers} shows it. {@link PeerLedgers} is registered only when the ledgers are open.
 */
@Component(immediate = true, service = {}, configurationPid = PeerConfigurations.LEDGER_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class LedgerManagerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerManagerComponent.class);

    /** The ledger settings from {@code core.yaml}, written by the config bridge. */
    public @interface Config {
        String fileSystemPath();

        boolean historyEnabled() default true;

        int purgeInterval() default 100;

        int collElgProcMaxDbBatchSize() default 5000;
    }

    private LedgerProvider provider;
    private ServiceRegistration<?> registration;

    @Activate
    public LedgerManagerComponent(BundleContext context, Config config,
            @Reference(name = "storage") StorageProvider storage) {
        LedgerLayout layout = new LedgerLayout(Path.of(config.fileSystemPath()));
        String backend = storage.name();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(StorageProvider.NAME_PROPERTY, backend);
        long start = System.nanoTime();
        try {
            provider = LedgerProvider.open(layout, storage, ledgerConfig(config));
            if (StorageProvider.MEMORY.equals(backend)) {
                for (String channel : BlockFolderChannels.adopt(provider, layout)) {
                    LOG.info("[{}] Rebuilding the ledger from its block files on the memory backend", channel);
                }
            }
        } catch (IOException | RuntimeException e) {
            String reason = "cannot open the ledgers at " + layout.ledgersData() + " on the " + backend
                    + " storage backend: " + e.getMessage();
            LOG.error("{}", reason, e);
            closeProvider();
            registration = context.registerService(LedgerSummary.class, new UnopenedLedgers(backend, reason), props);
            return;
        }
        OpenLedgers ledgers = new OpenLedgers(backend, provider);
        ledgers.openAll();
        registration = context.registerService(new String[] {PeerLedgers.class.getName(), LedgerSummary.class.getName()},
                ledgers, props);
        LOG.info("Ledger manager: {} ledger(s) open at {} on the {} backend in {} ms", ledgers.channels().size(),
                layout.ledgersData(), backend, (System.nanoTime() - start) / 1_000_000);
    }

    static LedgerConfig ledgerConfig(Config config) {
        LedgerConfig defaults = LedgerConfig.defaults();
        return new LedgerConfig(config.historyEnabled(), defaults.maxBlockFileSize(),
                new PvtDataConfig(config.purgeInterval(), config.collElgProcMaxDbBatchSize()),
                new ChaincodeCollectionSource());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        if (provider != null) {
            closeProvider();
            LOG.info("Ledgers closed; the ledger lock is released");
        }
    }

    private void closeProvider() {
        if (provider == null) {
            return;
        }
        try {
            provider.close();
        } catch (RuntimeException e) {
            LOG.error("Cannot close the ledgers cleanly: {}", e.getMessage(), e);
        } finally {
            provider = null;
        }
    }
}
