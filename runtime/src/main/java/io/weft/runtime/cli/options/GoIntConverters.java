package io.weft.runtime.cli.options;

import java.math.BigInteger;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Integer flags as pflag reads them: Go's {@code strconv.ParseInt}/{@code ParseUint} with base 0,
 * so {@code 0x1f}, {@code 0o17}, {@code 017}, {@code 0b101} and {@code 1_000} are numbers too.
 */
public final class GoIntConverters {

    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GoIntConverters() {
    }

    /** A Go {@code int} (64 bits) flag, such as {@code --sequence}. */
    public static final class Int64 implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            BigInteger n = parse(value, true, "strconv.ParseInt");
            if (n.compareTo(INT64_MIN) < 0 || n.compareTo(INT64_MAX) > 0) {
                throw failure("strconv.ParseInt", value, "value out of range");
            }
            return n.longValue();
        }
    }

    /** A Go {@code uint64} flag, such as {@code --blockNumber}; values above {@code Long.MAX_VALUE} wrap (read them unsigned). */
    public static final class Uint64 implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            BigInteger n = parse(value, false, "strconv.ParseUint");
            if (n.compareTo(UINT64_MAX) > 0) {
                throw failure("strconv.ParseUint", value, "value out of range");
            }
            return n.longValue();
        }
    }

    private static BigInteger parse(String value, boolean signed, String function) {
        String s = value;
        boolean negative = false;
        if (signed && !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int radix = 10;
        String digits = s;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            switch (Character.toLowerCase(s.charAt(1))) {
                case 'x' -> { radix = 16; digits = s.substring(2); }
                case 'o' -> { radix = 8; digits = s.substring(2); }
                case 'b' -> { radix = 2; digits = s.substring(2); }
                default -> { radix = 8; digits = s.substring(1); }
            }
        }
        String plain = digits.replace("_", "");
        if (!underscoresOk(s) || plain.isEmpty() || plain.charAt(0) == '+' || plain.charAt(0) == '-') {
            throw failure(function, value, "invalid syntax");
        }
        try {
            BigInteger n = new BigInteger(plain, radix);
            return negative ? n.negate() : n;
        } catch (NumberFormatException e) {
            throw failure(function, value, "invalid syntax");
        }
    }

    /** Go's rule: an underscore only ever sits between digits, or between the base prefix and a digit. */
    private static boolean underscoresOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "bBoOxX".indexOf(s.charAt(1)) >= 0) {
            hex = Character.toLowerCase(s.charAt(1)) == 'x';
            saw = '0';
            i = 2;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else {
                if (saw == '_') {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }

    private static TypeConversionException failure(String function, String value, String reason) {
        return new TypeConversionException(function + ": parsing \"" + value + "\": " + reason);
    }
}
