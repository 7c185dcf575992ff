package io.weft.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in Go's {@code time.ParseDuration} syntax ({@code 30s}, {@code 1h30m}, {@code 1.5s}, {@code 500ms}). */
public final class GoDuration {

    private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the text when it is not a Go duration
     */
    public static Duration parse(String text) {
        String s = text.trim();
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        Matcher m = TERM.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\"");
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            at = m.end();
        }
        Duration d = Duration.ofNanos(nanos.longValueExact());
        return negative ? d.negated() : d;
    }

    /** Formats as Go does for whole units ({@code 1h0m0s} style is not needed here: {@code 90s} → {@code 1m30s}). */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (d.isNegative()) {
            b.append('-');
            d = d.negated();
        }
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        long ms = d.toMillisPart();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            b.append(m).append('m');
        }
        if (ms > 0 && h == 0 && m == 0 && s == 0) {
            return b.append(ms).append("ms").toString();
        }
        b.append(s);
        if (ms > 0) {
            b.append('.').append(String.format("%03d", ms).replaceAll("0+$", ""));
        }
        return b.append('s').toString();
    }
}
