package io.weft.config.logging;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Fabric logging spec ({@code FABRIC_LOGGING_SPEC}): a default level plus levels for logger
 * names, e.g. {@code info:gossip=warn:msp,ledger=debug}. A name applies to that logger and every
 * logger below it ({@code gossip} covers {@code gossip.election}); a name ending in {@code .} means
 * that logger only. Parsing, rendering and level resolution follow Fabric's {@code flogging}.
 *
 * @param defaultLevel the level of loggers no name covers
 * @param levels the named levels, sorted by name
 */
public record LogSpec(LogLevel defaultLevel, Map<String, LogLevel> levels) {

    /** The spec a peer runs with when {@code FABRIC_LOGGING_SPEC} is unset. */
    public static final LogSpec DEFAULT = new LogSpec(LogLevel.INFO, Map.of());

    private static final Pattern LOGGER_NAME = Pattern.compile("^[\\p{Alnum}_#:-]+(\\.[\\p{Alnum}_#:-]+)*$");

    public LogSpec {
        requireNonNull(defaultLevel, "defaultLevel");
        levels = new TreeMap<>(requireNonNull(levels, "levels"));
        levels = java.util.Collections.unmodifiableMap(levels);
    }

    /**
     * Parses {@code spec}; an empty spec is {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException with Fabric's message, e.g.
     *         {@code invalid logging specification 'x=y': bad segment 'x=y'}
     */
    public static LogSpec parse(String spec) {
        LogLevel defaultLevel = LogLevel.INFO;
        Map<String, LogLevel> levels = new TreeMap<>();
        for (String field : spec.split(":", -1)) {
            String[] split = field.split("=", -1);
            switch (split.length) {
                case 1 -> {
                    if (!field.isEmpty()) {
                        defaultLevel = LogLevel.parse(field).orElseThrow(() -> badSegment(spec, field));
                    } else {
                        defaultLevel = LogLevel.INFO;
                    }
                }
                case 2 -> {
                    if (split[0].isEmpty()) {
                        throw new IllegalArgumentException("invalid logging specification '" + spec
                                + "': no logger specified in segment '" + field + "'");
                    }
                    LogLevel level = LogLevel.parse(split[1]).orElseThrow(() -> badSegment(spec, field));
                    for (String logger : split[0].split(",", -1)) {
                        String name = logger.endsWith(".") ? logger.substring(0, logger.length() - 1) : logger;
                        if (!LOGGER_NAME.matcher(name).matches()) {
                            throw new IllegalArgumentException("invalid logging specification '" + spec
                                    + "': bad logger name '" + logger + "'");
                        }
                        levels.put(logger, level);
                    }
                }
                default -> throw badSegment(spec, field);
            }
        }
        return new LogSpec(defaultLevel, levels);
    }

    private static IllegalArgumentException badSegment(String spec, String field) {
        return new IllegalArgumentException("invalid logging specification '" + spec + "': bad segment '" + field + "'");
    }

    /** The level of {@code logger}: the nearest configured ancestor's, else the default (Fabric's rule). */
    public LogLevel levelOf(String logger) {
        String candidate = logger + ".";
        while (true) {
            LogLevel level = levels.get(candidate);
            if (level != null) {
                return level;
            }
            int idx = candidate.lastIndexOf('.');
            if (idx <= 0) {
                return defaultLevel;
            }
            candidate = candidate.substring(0, idx);
        }
    }

    /** This spec with {@code logger} set to {@code level} (Fabric's {@code setlevel}). */
    public LogSpec with(String logger, LogLevel level) {
        Map<String, LogLevel> more = new TreeMap<>(levels);
        more.put(logger, level);
        return new LogSpec(defaultLevel, more);
    }

    /** Fabric's rendering: {@code name=level} terms sorted, then the default level. */
    @Override
    public String toString() {
        List<String> fields = new ArrayList<>();
        levels.forEach((name, level) -> fields.add(name + "=" + level.fabricName()));
        fields.add(defaultLevel.fabricName());
        return String.join(":", fields);
    }
}
