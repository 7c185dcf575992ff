package io.weft.config.logging;

import java.util.Locale;
import java.util.Optional;

/** Fabric's log levels (zap's, plus {@code payload}) and the Log4j 2 level each maps to. */
public enum LogLevel {
    PAYLOAD("payload", "TRACE"),
    DEBUG("debug", "DEBUG"),
    INFO("info", "INFO"),
    WARN("warn", "WARN"),
    ERROR("error", "ERROR"),
    DPANIC("dpanic", "FATAL"),
    PANIC("panic", "FATAL"),
    FATAL("fatal", "FATAL");

    private final String fabricName;
    private final String log4jName;

    LogLevel(String fabricName, String log4jName) {
        this.fabricName = fabricName;
        this.log4jName = log4jName;
    }

    /** The name Fabric prints in a spec ({@code warn}). */
    public String fabricName() {
        return fabricName;
    }

    /** The name Fabric prints for a logger's level ({@code WARN}). */
    public String capitalName() {
        return fabricName.toUpperCase(Locale.ROOT);
    }

    /** The Log4j 2 level name. */
    public String log4jName() {
        return log4jName;
    }

    /**
     * Parses a level name as Fabric does: lower or upper case only; {@code warning}, {@code notice}
     * and {@code critical} are accepted aliases.
     */
    public static Optional<LogLevel> parse(String name) {
        if (!name.equals(name.toLowerCase(Locale.ROOT)) && !name.equals(name.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "payload": return Optional.of(PAYLOAD);
            case "debug": return Optional.of(DEBUG);
            case "info", "notice": return Optional.of(INFO);
            case "warn", "warning": return Optional.of(WARN);
            case "error", "critical": return Optional.of(ERROR);
            case "dpanic": return Optional.of(DPANIC);
            case "panic": return Optional.of(PANIC);
            case "fatal": return Optional.of(FATAL);
            default: return Optional.empty();
        }
    }
}
