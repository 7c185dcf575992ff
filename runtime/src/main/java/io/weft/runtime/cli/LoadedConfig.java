package io.weft.runtime.cli;

import static java.util.Objects.requireNonNull;

import java.util.Map;

import io.weft.config.ConfigException;
import io.weft.config.CoreConfig;
import io.weft.config.PeerConfigurations;

/**
 * core.yaml found and read as Fabric does, with every component configuration built from it, so a
 * bad key stops a command before it does anything.
 *
 * @param config the configuration
 * @param pids the configuration of each component, validated
 */
public record LoadedConfig(CoreConfig config, Map<String, Map<String, Object>> pids) {

    public LoadedConfig {
        requireNonNull(config, "config");
        requireNonNull(pids, "pids");
    }

    /** Loads and validates; a problem becomes the command's one-line error. */
    public static LoadedConfig load(CliContext context, Map<String, String> overrides) {
        try {
            CoreConfig config = CoreConfig.load(context.env(), context.workingDirectory(), overrides);
            return new LoadedConfig(config, PeerConfigurations.build(config));
        } catch (ConfigException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** Whether Fabric's retired logging level was asked for (flag {@code --logging-level} or {@code logging.level}). */
    public boolean legacyLoggingLevel(Object loggingLevelFlag) {
        return loggingLevelFlag != null || config.isSet("logging.level") || config.isSet("logging_level");
    }

    /** One component's configuration. */
    public Map<String, Object> pid(String pid) {
        return pids.get(pid);
    }
}
