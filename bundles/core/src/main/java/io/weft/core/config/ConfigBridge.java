package io.weft.core.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.config.ConfigException;
import io.weft.config.CoreConfig;
import io.weft.config.PeerConfigurations;
import io.weft.core.node.StartupFailure;

/**
 * Reads {@code core.yaml} (the file the launcher found, with {@code CORE_} environment overrides
 * and command-line overrides) and writes the configurations of the peer's components. It owns
 * those PIDs: binds them to any bundle (location {@code ?}) and rewrites them only when they differ.
 */
@Component(immediate = true)
public final class ConfigBridge {

    /** Framework property naming the core.yaml in use. */
    public static final String CONFIG_FILE_PROPERTY = "weft.config.file";
    /** Prefix of framework properties carrying command-line overrides, by dotted key. */
    public static final String OVERRIDE_PREFIX = "weft.config.override.";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigBridge.class);

    @Activate
    public ConfigBridge(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        LOG.info("Starting peer:\n Version: {}\n Commit SHA: {}\n Java version: {}", context.getProperty("weft.version"),
                context.getProperty("weft.commit"), System.getProperty("java.version"));
        if (Boolean.parseBoolean(context.getProperty("weft.logging.legacyLevel"))) {
            LOG.warn("CORE_LOGGING_LEVEL is no longer supported, please use the FABRIC_LOGGING_SPEC environment variable");
        }
        String file = context.getProperty(CONFIG_FILE_PROPERTY);
        if (file == null) {
            StartupFailure.report(context, "configuration", "framework property " + CONFIG_FILE_PROPERTY + " is not set");
            return;
        }
        try {
            CoreConfig config = CoreConfig.read(Path.of(file), System.getenv(), FrameworkOverrides.read(context, OVERRIDE_PREFIX));
            for (Map.Entry<String, Map<String, Object>> pid : PeerConfigurations.build(config).entrySet()) {
                write(configAdmin, pid.getKey(), pid.getValue());
            }
            LOG.info("Configuration from {} applied", config.file());
        } catch (ConfigException | IOException e) {
            StartupFailure.report(context, "configuration", e.getMessage());
        }
    }

    private static void write(ConfigurationAdmin configAdmin, String pid, Map<String, Object> values) throws IOException {
        Configuration configuration = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = new Hashtable<>(values);
        if (configuration.updateIfDifferent(properties)) {
            LOG.debug("Configuration {} updated", pid);
        }
    }
}
