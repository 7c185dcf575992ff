package io.weft.runtime.cli;

import java.util.Map;
import java.util.Properties;

import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.properties.PropertiesConfiguration;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationBuilder;

import io.weft.config.logging.Log4j2Settings;
import io.weft.config.logging.LogFormat;
import io.weft.config.logging.LogSpec;

/**
 * Logging of the CLI process itself (outside the framework), configured like the peer's from
 * {@code FABRIC_LOGGING_SPEC} and {@code FABRIC_LOGGING_FORMAT}, on standard error.
 *
 * @param spec the spec in force
 * @param format the format in force
 */
public record CliLogging(LogSpec spec, String format) {

    /** The legacy setting Fabric 2.x only warns about. */
    public static final String LEGACY_WARNING =
            "CORE_LOGGING_LEVEL is no longer supported, please use the FABRIC_LOGGING_SPEC environment variable";

    /**
     * Reads and validates the environment's spec and format.
     *
     * @throws CliException when either is invalid
     */
    public static CliLogging fromEnvironment(Map<String, String> env) {
        String format = env.getOrDefault("FABRIC_LOGGING_FORMAT", "");
        try {
            LogFormat.toLog4jPattern(format);
            return new CliLogging(LogSpec.parse(env.getOrDefault("FABRIC_LOGGING_SPEC", "")), format);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** Configures Log4j for this process. */
    public void install() {
        Properties p = new Properties();
        p.putAll(Log4j2Settings.properties(spec, format, ""));
        p.put("status", "error");
        PropertiesConfiguration configuration = new PropertiesConfigurationBuilder()
                .setRootProperties(p)
                .setLoggerContext(LoggerContext.getContext(false))
                .build();
        Configurator.reconfigure(configuration);
        // gRPC and Netty log through java.util.logging: send it to the same place and levels
        java.util.logging.LogManager.getLogManager().reset();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
    }
}
