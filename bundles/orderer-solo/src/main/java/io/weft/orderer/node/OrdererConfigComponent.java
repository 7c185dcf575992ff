package io.weft.orderer.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.config.ConfigException;
import io.weft.config.CoreConfig;
import io.weft.config.OrdererConfigurations;

/**
 * Reads {@code orderer.yaml} with {@code ORDERER_} environment overrides and writes the orderer's configurations, as
 * the peer's configuration bridge does for {@code core.yaml}: it owns those PIDs, binds them to any bundle (location
 * {@code ?}) and rewrites them only when they differ. The file is the framework property {@value #CONFIG_FILE_PROPERTY}
 * when the launcher sets it, otherwise the {@code orderer.yaml} Fabric's orderer would find ({@code FABRIC_CFG_PATH},
 * the working directory, {@code /etc/hyperledger/fabric}). A bad file is logged with its file and key, and the
 * orderer does not start (the failure is reported as the {@code orderer.config} check).
 */
@Component(immediate = true, service = {})
public final class OrdererConfigComponent {

    /** Framework property naming the orderer.yaml in use. */
    public static final String CONFIG_FILE_PROPERTY = "weft.orderer.config.file";

    private static final Logger LOG = LoggerFactory.getLogger(OrdererConfigComponent.class);

    private final ServiceRegistration<?> failure;

    @Activate
    public OrdererConfigComponent(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        ServiceRegistration<?> failed = null;
        try {
            String file = context.getProperty(CONFIG_FILE_PROPERTY);
            Map<String, String> env = System.getenv();
            CoreConfig config = file == null ? OrdererConfigurations.load(env, Path.of("").toAbsolutePath())
                    : OrdererConfigurations.read(Path.of(file), env);
            for (Map.Entry<String, Map<String, Object>> pid : OrdererConfigurations.build(config).entrySet()) {
                Configuration configuration = configAdmin.getConfiguration(pid.getKey(), "?");
                Dictionary<String, Object> properties = new Hashtable<>(pid.getValue());
                if (configuration.updateIfDifferent(properties)) {
                    LOG.debug("Configuration {} updated", pid.getKey());
                }
            }
            LOG.info("Starting orderer:\n Version: {}\n Commit SHA: {}\n Java version: {}",
                    context.getProperty("weft.version"), context.getProperty("weft.commit"),
                    System.getProperty("java.version"));
            LOG.info("Orderer configuration from {} applied", config.file());
        } catch (ConfigException | IOException e) {
            LOG.error("Cannot start the orderer: {}", e.getMessage());
            failed = FailedCheck.report(context, "orderer.config", e.getMessage());
        }
        failure = failed;
    }

    @Deactivate
    void deactivate() {
        if (failure != null) {
            failure.unregister();
        }
    }
}
