package io.weft.msp;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/** Renders values the way Fabric's Go error messages print them. */
final class GoFormat {

    private static final Map<String, String> ATTRIBUTE_NAMES = Map.of(
            "2.5.4.6", "C", "2.5.4.8", "ST", "2.5.4.7", "L", "2.5.4.9", "STREET", "2.5.4.17", "POSTALCODE",
            "2.5.4.10", "O", "2.5.4.11", "OU", "2.5.4.3", "CN", "2.5.4.5", "SERIALNUMBER");
    // pkix.Name.ToRDNSequence order; String() prints it reversed
    private static final List<String> NAME_ORDER = List.of(
            "2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.9", "2.5.4.17", "2.5.4.10", "2.5.4.11", "2.5.4.3", "2.5.4.5");

    private GoFormat() {
    }

    /** Go's {@code pkix.Name.String()}, e.g. {@code CN=peer0,OU=peer,O=org1,C=US}. */
    static String name(X500Name name) {
        List<String> out = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (String oid : NAME_ORDER) {
            for (RDN rdn : name.getRDNs()) {
                for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                    if (atv.getType().getId().equals(oid)) {
                        String v = stringValue(atv.getValue());
                        if (v != null) {
                            out.add(ATTRIBUTE_NAMES.get(oid) + "=" + escape(v));
                        }
                    }
                }
            }
        }
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                String oid = atv.getType().getId();
                if (!ATTRIBUTE_NAMES.containsKey(oid)) {
                    String hex;
                    try {
                        hex = HexFormat.of().formatHex(atv.getValue().toASN1Primitive().getEncoded());
                    } catch (java.io.IOException e) {
                        hex = "";
                    }
                    extra.add(oid + "=#" + hex);
                }
            }
        }
        List<String> all = new ArrayList<>(extra);
        all.addAll(out);
        StringBuilder sb = new StringBuilder();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(all.get(i));
        }
        return sb.toString();
    }

    static String stringValue(ASN1Encodable value) {
        return value instanceof ASN1String s ? s.getString() : null;
    }

    private static String escape(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean special = ",+\"\\<>;".indexOf(c) >= 0 || (i == 0 && (c == ' ' || c == '#'))
                    || (i == v.length() - 1 && c == ' ');
            if (special) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Go's {@code %q} of a string. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Go's {@code time.RFC3339} rendering of a UTC instant. */
    static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** Go's {@code time.Duration.String()}, e.g. {@code 26h3m4.5s}. */
    static String duration(Duration d) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            nanos = d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (nanos < 0) {
            sb.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            if (nanos < 1_000) {
                return sb.append(nanos).append("ns").toString();
            }
            if (nanos < 1_000_000) {
                return sb.append(fraction(nanos, 1_000)).append("µs").toString();
            }
            return sb.append(fraction(nanos, 1_000_000)).append("ms").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long rem = nanos % 3_600_000_000_000L;
        long minutes = rem / 60_000_000_000L;
        rem = rem % 60_000_000_000L;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        return sb.append(fraction(rem, 1_000_000_000L)).append('s').toString();
    }

    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long frac = value % unit;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + frac).substring(1);
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + digits.substring(0, end);
    }

    /** Go's {@code %x} of a byte slice. */
    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
