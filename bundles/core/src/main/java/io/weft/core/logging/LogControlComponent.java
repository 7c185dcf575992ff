package io.weft.core.logging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.config.logging.Log4j2Settings;
import io.weft.config.logging.LogSpec;

/**
 * Applies logging specs by rewriting pax-logging's configuration ({@code org.ops4j.pax.logging},
 * Log4j 2 properties). Starts from the spec and format the launcher was given
 * ({@code FABRIC_LOGGING_SPEC}, {@code FABRIC_LOGGING_FORMAT}).
 */
@Component(service = LogControl.class)
public final class LogControlComponent implements LogControl {

    public static final String SPEC_PROPERTY = "weft.logging.spec";
    public static final String FORMAT_PROPERTY = "weft.logging.format";
    static final String PAX_LOGGING_PID = "org.ops4j.pax.logging";

    private static final Logger LOG = LoggerFactory.getLogger(LogControlComponent.class);

    private final ConfigurationAdmin configAdmin;
    private final String format;
    private final LogSpec startupSpec;
    private volatile LogSpec spec;

    @Activate
    public LogControlComponent(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
        this.format = valueOr(context.getProperty(FORMAT_PROPERTY), System.getenv("FABRIC_LOGGING_FORMAT"));
        LogSpec initial;
        try {
            initial = LogSpec.parse(valueOr(context.getProperty(SPEC_PROPERTY), System.getenv("FABRIC_LOGGING_SPEC")));
        } catch (IllegalArgumentException e) {
            LOG.error("Ignoring FABRIC_LOGGING_SPEC: {}", e.getMessage());
            initial = LogSpec.DEFAULT;
        }
        this.startupSpec = initial;
        apply(initial);
    }

    private static String valueOr(String first, String second) {
        return first != null ? first : second == null ? "" : second;
    }

    @Override
    public LogSpec spec() {
        return spec;
    }

    @Override
    public LogSpec startupSpec() {
        return startupSpec;
    }

    @Override
    public void activateSpec(String text) {
        apply(LogSpec.parse(text));
        LOG.info("Logging spec set to {}", spec);
    }

    private synchronized void apply(LogSpec next) {
        Dictionary<String, Object> properties = new Hashtable<>(Log4j2Settings.properties(next, format, "log4j2."));
        try {
            Configuration configuration = configAdmin.getConfiguration(PAX_LOGGING_PID, "?");
            configuration.updateIfDifferent(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the logging configuration", e);
        }
        spec = next;
    }
}
