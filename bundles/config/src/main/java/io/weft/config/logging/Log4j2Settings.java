package io.weft.config.logging;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@link LogSpec} and a format as Log4j 2 properties, the form both pax-logging's
 * {@code org.ops4j.pax.logging} configuration ({@code log4j2.}-prefixed) and Log4j's own
 * properties configuration take. One console appender on standard error, as Fabric logs.
 *
 * <p>Logger names: a spec name is a Log4j logger name (Weft's loggers are named by package, so
 * {@code io.weft.core.grpc=debug} works). A Fabric-style module name such as {@code gossip} or
 * {@code msp} also covers Weft's packages of that name, {@code io.weft.gossip} and
 * {@code io.weft.core.gossip}, so Fabric habits carry over.
 */
public final class Log4j2Settings {

    /**
     * Libraries whose INFO lines are internals (transport probing, SCR start banners), kept at WARN
     * unless the spec names them, as Fabric keeps gRPC's own logging quiet.
     */
    static final java.util.List<String> QUIET_LIBRARIES = java.util.List.of("io.grpc", "io.netty", "org.apache.felix.scr",
            "org.apache.sshd");

    /** The appender's name. */
    public static final String APPENDER = "stderr";

    private Log4j2Settings() {
    }

    /**
     * The properties for {@code spec} and {@code format}, each key prefixed with {@code prefix}
     * ({@code "log4j2."} for pax-logging, {@code ""} for Log4j itself).
     */
    public static Map<String, String> properties(LogSpec spec, String format, String prefix) {
        Map<String, String> p = new LinkedHashMap<>();
        String a = prefix + "appender." + APPENDER + ".";
        p.put(a + "type", "Console");
        p.put(a + "name", APPENDER);
        p.put(a + "target", "SYSTEM_ERR");
        p.put(a + "layout.type", "PatternLayout");
        p.put(a + "layout.pattern", LogFormat.toLog4jPattern(format));
        if (LogFormat.handlesExceptions(format)) {
            p.put(a + "layout.alwaysWriteExceptions", "false");
        }
        p.put(prefix + "rootLogger.level", spec.defaultLevel().log4jName());
        p.put(prefix + "rootLogger.appenderRef." + APPENDER + ".ref", APPENDER);
        int n = 0;
        for (String library : QUIET_LIBRARIES) {
            if (spec.levels().keySet().stream().noneMatch(name -> library.startsWith(name) || name.startsWith(library))) {
                String l = prefix + "logger.l" + n++ + ".";
                p.put(l + "name", library);
                p.put(l + "level", LogLevel.WARN.log4jName());
            }
        }
        for (Map.Entry<String, LogLevel> e : spec.levels().entrySet()) {
            for (String logger : log4jLoggers(e.getKey())) {
                String l = prefix + "logger.l" + n++ + ".";
                p.put(l + "name", logger);
                p.put(l + "level", e.getValue().log4jName());
            }
        }
        return p;
    }

    /** The Log4j logger names a spec name covers. */
    static Set<String> log4jLoggers(String specName) {
        String name = specName.endsWith(".") ? specName.substring(0, specName.length() - 1) : specName;
        Set<String> loggers = new LinkedHashSet<>();
        loggers.add(name);
        if (!name.matches("^(io|org|com|net|java|javax|jdk|sun)\\..*")) {
            loggers.add("io.weft." + name);
            loggers.add("io.weft.core." + name);
        }
        return loggers;
    }
}
