package io.weft.channelconfig;

import java.math.BigDecimal;
import java.time.Duration;

/** Go's {@code time.ParseDuration}, for {@code BatchTimeout} values such as {@code 2s} or {@code 1m30.5s}. */
final class GoDuration {

    private GoDuration() {
    }

    static Duration parse(String s) {
        String orig = s;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".")) {
                throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            long scale = switch (unit) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "" -> throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
                default -> throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + orig + "\"");
            };
            try {
                nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(scale)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
            }
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
        }
        long n = nanos.longValue(); // Go truncates fractional nanoseconds
        return Duration.ofNanos(negative ? -n : n);
    }

    /** Go's {@code Duration.String()} for the common cases, used in error messages. */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        return d.toString().substring(2).toLowerCase();
    }
}
