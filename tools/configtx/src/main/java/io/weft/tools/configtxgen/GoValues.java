package io.weft.tools.configtxgen;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's duration syntax and Fabric's byte sizes ("99 MB"), as configtx.yaml values are read by viper. */
final class GoValues {

    private static final Pattern BYTE_SIZE = Pattern.compile("^([0-9]+)\\s*(?i)(k|m|g)b?$");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

    private GoValues() {
    }

    /** A byte size: plain integers, or with a k/m/g unit (powers of 1024), optionally followed by "b". */
    static long byteSize(String raw) throws ConfigtxgenException {
        String s = raw.trim();
        Matcher m = BYTE_SIZE.matcher(s);
        long size;
        if (m.matches()) {
            size = Long.parseLong(m.group(1));
            size <<= switch (m.group(2).toLowerCase()) {
                case "k" -> 10;
                case "m" -> 20;
                default -> 30;
            };
        } else {
            try {
                size = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new ConfigtxgenException("cannot parse '" + raw + "' as a byte size");
            }
        }
        if (size < 0 || size > 0xFFFFFFFFL) {
            throw new ConfigtxgenException("value '" + raw + "' overflows uint32");
        }
        return size;
    }

    /** Go's {@code time.ParseDuration}, in nanoseconds. */
    static long parseDuration(String raw) throws ConfigtxgenException {
        String s = raw.trim();
        boolean neg = s.startsWith("-");
        if (neg || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new ConfigtxgenException("time: invalid duration \"" + raw + "\"");
        }
        Matcher m = DURATION_PART.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at || m.group(1).isEmpty() || m.group(1).equals(".")) {
                throw new ConfigtxgenException("time: invalid duration \"" + raw + "\"");
            }
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
            at = m.end();
        }
        if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new ConfigtxgenException("time: invalid duration \"" + raw + "\"");
        }
        long nanos = total.longValue();
        return neg ? -nanos : nanos;
    }

    /** Go's {@code time.Duration.String()}: "2s", "500ms", "1m30s", "1h0m0s". */
    static String formatDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos);
        if (u < 1_000_000_000L) {
            if (u < 1_000L) {
                return sign + u + "ns";
            }
            if (u < 1_000_000L) {
                return sign + fraction(u, 3) + "µs";
            }
            return sign + fraction(u, 6) + "ms";
        }
        StringBuilder sb = new StringBuilder();
        long seconds = u / 1_000_000_000L;
        String secondsPart = fraction((seconds % 60) * 1_000_000_000L + u % 1_000_000_000L, 9) + "s";
        long minutes = seconds / 60;
        if (minutes > 0) {
            long hours = minutes / 60;
            if (hours > 0) {
                sb.append(hours).append('h');
            }
            sb.append(minutes % 60).append('m');
        }
        return sign + sb + secondsPart;
    }

    /** {@code v / 10^digits} without trailing fractional zeros. */
    private static String fraction(long v, int digits) {
        return BigDecimal.valueOf(v).movePointLeft(digits).stripTrailingZeros().toPlainString();
    }
}
