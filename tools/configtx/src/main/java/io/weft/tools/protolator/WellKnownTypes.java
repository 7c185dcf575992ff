package io.weft.tools.protolator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;

/** google.protobuf.Timestamp and Duration in jsonpb's string forms. */
final class WellKnownTypes {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private WellKnownTypes() {
    }

    static String timestamp(Message ts) {
        long seconds = (Long) ts.getField(ts.getDescriptorForType().findFieldByName("seconds"));
        int nanos = (Integer) ts.getField(ts.getDescriptorForType().findFieldByName("nanos"));
        return SECONDS.format(Instant.ofEpochSecond(seconds)) + fraction(nanos) + "Z";
    }

    static String duration(Message d) {
        long seconds = (Long) d.getField(d.getDescriptorForType().findFieldByName("seconds"));
        int nanos = (Integer) d.getField(d.getDescriptorForType().findFieldByName("nanos"));
        String sign = (seconds < 0 || nanos < 0) ? "-" : "";
        return sign + Math.abs(seconds) + fraction(Math.abs(nanos)) + "s";
    }

    /** jsonpb prints 0, 3, 6 or 9 fractional digits. */
    private static String fraction(int nanos) {
        String x = String.format(".%09d", nanos);
        if (x.endsWith("000")) {
            x = x.substring(0, x.length() - 3);
        }
        if (x.endsWith("000")) {
            x = x.substring(0, x.length() - 3);
        }
        return x.equals(".000") ? "" : x;
    }

    static Message parse(String type, String text, Message.Builder b) throws ProtolatorException {
        long seconds;
        int nanos;
        try {
            if (type.equals("google.protobuf.Timestamp")) {
                Instant t = Instant.parse(text);
                seconds = t.getEpochSecond();
                nanos = t.getNano();
            } else {
                if (!text.endsWith("s")) {
                    throw new ProtolatorException("bad Duration: " + text);
                }
                BigDecimal v = new BigDecimal(text.substring(0, text.length() - 1));
                seconds = v.longValue();
                nanos = v.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).intValueExact();
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new ProtolatorException("bad " + type + ": " + text, e);
        }
        Descriptor d = b.getDescriptorForType();
        return b.setField(d.findFieldByName("seconds"), seconds)
                .setField(d.findFieldByName("nanos"), nanos).build();
    }
}
