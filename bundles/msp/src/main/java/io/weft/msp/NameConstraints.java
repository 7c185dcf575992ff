package io.weft.msp;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.weft.bccsp.internal.Der;
import io.weft.bccsp.internal.DerException;

/**
 * Name constraints of a CA certificate and the names of a certificate, checked as Go's
 * {@code crypto/x509} checks them during chain building (DNS, email, IP and URI names; other name
 * forms make a critical extension unhandled).
 */
final class NameConstraints {

    /** One subject alternative name. */
    record San(int kind, String text, byte[] ip) {
    }

    /** The subject alternative names of a certificate, in encoded order. */
    record Sans(List<San> names) {

        static final Sans NONE = new Sans(List.of());

        boolean isEmpty() {
            return names.isEmpty();
        }

        /** Go's {@code parseSANExtension}. */
        static Sans parse(byte[] v) throws DerException {
            Der.Tlv seq = Der.read(v, 0, v.length);
            if (seq.tag() != Der.SEQUENCE) {
                throw new DerException("x509: invalid subject alternative names");
            }
            List<San> out = new ArrayList<>();
            for (Der.Tlv t : Der.children(v, seq)) {
                byte[] c = t.content(v);
                switch (t.tag()) {
                    case 0x81 -> out.add(new San(EMAIL, ia5(c, "x509: SAN rfc822Name is malformed"), null));
                    case 0x82 -> out.add(new San(DNS, ia5(c, "x509: SAN dNSName is malformed"), null));
                    case 0x86 -> {
                        String s = ia5(c, "x509: SAN uniformResourceIdentifier is malformed");
                        String host = uriHost(s);
                        if (host == null) {
                            throw new DerException("x509: cannot parse URI " + GoFormat.quote(s));
                        }
                        if (!host.isEmpty() && reverseLabels(host) == null) {
                            throw new DerException("x509: cannot parse URI " + GoFormat.quote(s) + ": invalid domain");
                        }
                        out.add(new San(URI_NAME, s, null));
                    }
                    case 0x87 -> {
                        if (c.length != 4 && c.length != 16) {
                            throw new DerException("x509: cannot parse IP address of length " + c.length);
                        }
                        out.add(new San(IP, null, c));
                    }
                    default -> {
                        // other name forms are ignored, as Go does
                    }
                }
            }
            return new Sans(List.copyOf(out));
        }
    }

    static final int EMAIL = 1;
    static final int DNS = 2;
    static final int URI_NAME = 6;
    static final int IP = 7;

    private final List<String> permittedDns = new ArrayList<>();
    private final List<String> excludedDns = new ArrayList<>();
    private final List<String> permittedEmails = new ArrayList<>();
    private final List<String> excludedEmails = new ArrayList<>();
    private final List<String> permittedUris = new ArrayList<>();
    private final List<String> excludedUris = new ArrayList<>();
    private final List<byte[][]> permittedIps = new ArrayList<>();
    private final List<byte[][]> excludedIps = new ArrayList<>();
    private boolean unhandled;

    private NameConstraints() {
    }

    boolean unhandled() {
        return unhandled;
    }

    /** Go's {@code parseNameConstraintsExtension}. */
    static NameConstraints parse(byte[] v) throws DerException {
        NameConstraints nc = new NameConstraints();
        Der.Tlv top;
        try {
            top = Der.read(v, 0, v.length);
        } catch (DerException e) {
            throw new DerException("x509: invalid NameConstraints extension");
        }
        if (top.tag() != Der.SEQUENCE || top.end() != v.length) {
            throw new DerException("x509: invalid NameConstraints extension");
        }
        List<Der.Tlv> parts = Der.children(v, top);
        Der.Tlv permitted = null;
        Der.Tlv excluded = null;
        int i = 0;
        if (i < parts.size() && parts.get(i).tag() == 0xa0) {
            permitted = parts.get(i++);
        }
        if (i < parts.size() && parts.get(i).tag() == 0xa1) {
            excluded = parts.get(i++);
        }
        if (i != parts.size()) {
            throw new DerException("x509: invalid NameConstraints extension");
        }
        boolean emptyPermitted = permitted == null || permitted.contentLength() == 0;
        boolean emptyExcluded = excluded == null || excluded.contentLength() == 0;
        if (emptyPermitted && emptyExcluded) {
            throw new DerException("x509: empty name constraints extension");
        }
        if (permitted != null) {
            nc.subtrees(v, permitted, nc.permittedDns, nc.permittedEmails, nc.permittedUris, nc.permittedIps);
        }
        if (excluded != null) {
            nc.subtrees(v, excluded, nc.excludedDns, nc.excludedEmails, nc.excludedUris, nc.excludedIps);
        }
        return nc;
    }

    private void subtrees(byte[] v, Der.Tlv list, List<String> dns, List<String> emails, List<String> uris,
            List<byte[][]> ips) throws DerException {
        for (Der.Tlv subtree : Der.children(v, list)) {
            if (subtree.tag() != Der.SEQUENCE || subtree.contentLength() == 0) {
                throw new DerException("x509: invalid NameConstraints extension");
            }
            Der.Tlv base = Der.read(v, subtree.contentStart(), subtree.end());
            byte[] c = base.content(v);
            switch (base.tag()) {
                case 0x82 -> {
                    String domain = ia5(c, "x509: invalid constraint value");
                    String trimmed = domain.startsWith(".") ? domain.substring(1) : domain;
                    if (reverseLabels(trimmed) == null) {
                        throw new DerException("x509: failed to parse dnsName constraint " + GoFormat.quote(domain));
                    }
                    dns.add(domain);
                }
                case 0x87 -> {
                    if (c.length != 8 && c.length != 32) {
                        throw new DerException("x509: IP constraint contained value of length " + c.length);
                    }
                    int n = c.length / 2;
                    byte[] ip = java.util.Arrays.copyOfRange(c, 0, n);
                    byte[] mask = java.util.Arrays.copyOfRange(c, n, c.length);
                    if (!validMask(mask)) {
                        throw new DerException("x509: IP constraint contained invalid mask " + GoFormat.hex(mask));
                    }
                    ips.add(new byte[][] {ip, mask});
                }
                case 0x81 -> {
                    String constraint = ia5(c, "x509: invalid constraint value");
                    if (constraint.contains("@")) {
                        if (Mailbox.parse(constraint) == null) {
                            throw new DerException("x509: failed to parse rfc822Name constraint " + GoFormat.quote(constraint));
                        }
                    } else {
                        String domain = constraint.startsWith(".") ? constraint.substring(1) : constraint;
                        if (reverseLabels(domain) == null) {
                            throw new DerException("x509: failed to parse rfc822Name constraint " + GoFormat.quote(constraint));
                        }
                    }
                    emails.add(constraint);
                }
                case 0x86 -> {
                    String domain = ia5(c, "x509: invalid constraint value");
                    if (isIpLiteral(domain)) {
                        throw new DerException("x509: failed to parse URI constraint " + GoFormat.quote(domain)
                                + ": cannot be IP address");
                    }
                    String trimmed = domain.startsWith(".") ? domain.substring(1) : domain;
                    if (reverseLabels(trimmed) == null) {
                        throw new DerException("x509: failed to parse URI constraint " + GoFormat.quote(domain));
                    }
                    uris.add(domain);
                }
                default -> unhandled = true;
            }
        }
    }

    /**
     * The name-constraint part of Go's {@code isValid} for CA certificate {@code ca} (this object's
     * owner) as a candidate in a chain whose leaf is {@code leaf}.
     */
    void check(ParsedCert ca, ParsedCert leaf) throws MspException {
        List<ParsedCert> toCheck = new ArrayList<>();
        if (leaf.hasSanExtension()) {
            toCheck.add(leaf);
        }
        if (ca.hasSanExtension()) {
            toCheck.add(ca);
        }
        for (ParsedCert c : toCheck) {
            for (San san : c.sans.names()) {
                switch (san.kind()) {
                    case EMAIL -> {
                        Mailbox mb = Mailbox.parse(san.text());
                        if (mb == null) {
                            throw new MspException("x509: cannot parse rfc822Name " + GoFormat.quote(san.text()));
                        }
                        checkList("email address", san.text(), excludedEmails, permittedEmails, k -> matchEmail(mb, k));
                    }
                    case DNS -> {
                        if (reverseLabels(san.text()) == null) {
                            throw new MspException("x509: cannot parse dnsName " + GoFormat.quote(san.text()));
                        }
                        checkList("DNS name", san.text(), excludedDns, permittedDns, k -> matchDomain(san.text(), k));
                    }
                    case URI_NAME -> {
                        String host = uriHost(san.text());
                        checkList("URI", san.text(), excludedUris, permittedUris, k -> matchUri(san.text(), host, k));
                    }
                    case IP -> {
                        String shown = ipString(san.ip());
                        checkIp(shown, san.ip());
                    }
                    default -> {
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface Matcher {
        boolean match(String constraint) throws MspException;
    }

    private static void checkList(String type, String name, List<String> excluded, List<String> permitted, Matcher m)
            throws MspException {
        for (String k : excluded) {
            if (m.match(k)) {
                throw notAuthorized(type + " " + GoFormat.quote(name) + " is excluded by constraint " + GoFormat.quote(k));
            }
        }
        boolean ok = true;
        for (String k : permitted) {
            ok = m.match(k);
            if (ok) {
                break;
            }
        }
        if (!ok) {
            throw notAuthorized(type + " " + GoFormat.quote(name) + " is not permitted by any constraint");
        }
    }

    private void checkIp(String shown, byte[] ip) throws MspException {
        for (byte[][] k : excludedIps) {
            if (matchIp(ip, k)) {
                throw notAuthorized("IP address " + GoFormat.quote(shown) + " is excluded by constraint "
                        + GoFormat.quote(ipString(k[0]) + "/" + prefix(k[1])));
            }
        }
        boolean ok = true;
        for (byte[][] k : permittedIps) {
            ok = matchIp(ip, k);
            if (ok) {
                break;
            }
        }
        if (!ok) {
            throw notAuthorized("IP address " + GoFormat.quote(shown) + " is not permitted by any constraint");
        }
    }

    private static MspException notAuthorized(String detail) {
        return new MspException("x509: a root or intermediate certificate is not authorized to sign for this name: " + detail);
    }

    private static boolean matchIp(byte[] ip, byte[][] k) {
        if (ip.length != k[0].length) {
            return false;
        }
        for (int i = 0; i < ip.length; i++) {
            if ((ip[i] & k[1][i]) != (k[0][i] & k[1][i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchEmail(Mailbox mb, String constraint) throws MspException {
        if (constraint.contains("@")) {
            Mailbox k = Mailbox.parse(constraint);
            if (k == null) {
                throw notAuthorized("x509: internal error: cannot parse constraint " + GoFormat.quote(constraint));
            }
            return mb.local.equals(k.local) && mb.domain.equalsIgnoreCase(k.domain);
        }
        return matchDomain(mb.domain, constraint);
    }

    private static boolean matchUri(String uri, String host, String constraint) throws MspException {
        if (host == null || host.isEmpty()) {
            throw notAuthorized("URI with empty host (" + GoFormat.quote(uri) + ") cannot be matched against constraints");
        }
        String h = host;
        if (h.startsWith("[") && h.endsWith("]") || isIpLiteral(h)) {
            throw notAuthorized("URI with IP (" + GoFormat.quote(uri) + ") cannot be matched against constraints");
        }
        return matchDomain(h, constraint);
    }

    private static boolean matchDomain(String domain, String constraint) throws MspException {
        if (constraint.isEmpty()) {
            return true;
        }
        List<String> domainLabels = reverseLabels(domain);
        if (domainLabels == null) {
            throw notAuthorized("x509: internal error: cannot parse domain " + GoFormat.quote(domain));
        }
        boolean mustHaveSubdomains = false;
        String k = constraint;
        if (k.charAt(0) == '.') {
            mustHaveSubdomains = true;
            k = k.substring(1);
        }
        List<String> constraintLabels = reverseLabels(k);
        if (constraintLabels == null) {
            throw notAuthorized("x509: internal error: cannot parse domain " + GoFormat.quote(k));
        }
        if (domainLabels.size() < constraintLabels.size()
                || (mustHaveSubdomains && domainLabels.size() == constraintLabels.size())) {
            return false;
        }
        for (int i = 0; i < constraintLabels.size(); i++) {
            if (!constraintLabels.get(i).equalsIgnoreCase(domainLabels.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code domainToReverseLabels}; null when the domain is not acceptable. */
    static List<String> reverseLabels(String domain) {
        List<String> labels = new ArrayList<>();
        String d = domain;
        while (!d.isEmpty()) {
            int i = d.lastIndexOf('.');
            if (i < 0) {
                labels.add(d);
                d = "";
            } else {
                labels.add(d.substring(i + 1));
                d = d.substring(0, i);
            }
        }
        if (!labels.isEmpty() && labels.get(0).isEmpty()) {
            return null;
        }
        for (String l : labels) {
            if (l.isEmpty()) {
                return null;
            }
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                if (c < 33 || c > 126) {
                    return null;
                }
            }
        }
        return labels;
    }

    private static String ia5(byte[] c, String error) throws DerException {
        for (byte b : c) {
            if (b < 0) {
                throw new DerException(error);
            }
        }
        return new String(c, StandardCharsets.US_ASCII);
    }

    /** The host part of a URI as Go's {@code url.Parse} would give it (port removed); null if unparsable. */
    static String uriHost(String s) {
        try {
            URI u = new URI(s);
            String authority = u.getRawAuthority();
            if (authority == null) {
                return "";
            }
            int at = authority.lastIndexOf('@');
            String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                return close < 0 ? null : hostPort.substring(0, close + 1);
            }
            int colon = hostPort.lastIndexOf(':');
            return colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean isIpLiteral(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
                    return false;
                }
            }
            return true;
        }
        return s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
    }

    private static boolean validMask(byte[] mask) {
        boolean seenZero = false;
        for (byte b : mask) {
            for (int i = 7; i >= 0; i--) {
                boolean one = ((b >> i) & 1) == 1;
                if (one && seenZero) {
                    return false;
                }
                if (!one) {
                    seenZero = true;
                }
            }
        }
        return true;
    }

    private static int prefix(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += Integer.bitCount(b & 0xff);
        }
        return n;
    }

    private static String ipString(byte[] ip) {
        try {
            return java.net.InetAddress.getByAddress(ip).getHostAddress().toLowerCase(Locale.ROOT);
        } catch (java.net.UnknownHostException e) {
            return GoFormat.hex(ip);
        }
    }

    /** An RFC 2821 mailbox, parsed as Go's {@code parseRFC2821Mailbox} does. */
    static final class Mailbox {
        final String local;
        final String domain;

        private Mailbox(String local, String domain) {
            this.local = local;
            this.domain = domain;
        }

        static Mailbox parse(String in) {
            if (in.isEmpty()) {
                return null;
            }
            StringBuilder local = new StringBuilder();
            int i = 0;
            int n = in.length();
            if (in.charAt(0) == '"') {
                i = 1;
                while (true) {
                    if (i >= n) {
                        return null;
                    }
                    char c = in.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (i >= n) {
                            return null;
                        }
                        char q = in.charAt(i);
                        if (q == 11 || q == 12 || (1 <= q && q <= 9) || (14 <= q && q <= 127)) {
                            local.append(q);
                            i++;
                        } else {
                            return null;
                        }
                    } else if (c == 11 || c == 12 || c == 32 || c == 33 || c == 127 || (1 <= c && c <= 8)
                            || (14 <= c && c <= 31) || (35 <= c && c <= 91) || (93 <= c && c <= 126)) {
                        local.append(c);
                    } else {
                        return null;
                    }
                }
            } else {
                while (i < n) {
                    char c = in.charAt(i);
                    if (c == '\\') {
                        i++;
                        if (i >= n) {
                            return null;
                        }
                        local.append(in.charAt(i));
                        i++;
                        continue;
                    }
                    if (Character.isLetterOrDigit(c) && c < 128 || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0) {
                        local.append(c);
                        i++;
                    } else {
                        break;
                    }
                }
                if (local.length() == 0) {
                    return null;
                }
                String l = local.toString();
                if (l.startsWith(".") || l.endsWith(".") || l.contains("..")) {
                    return null;
                }
            }
            if (i >= n || in.charAt(i) != '@') {
                return null;
            }
            String domain = in.substring(i + 1);
            if (reverseLabels(domain) == null) {
                return null;
            }
            return new Mailbox(local.toString(), domain);
        }
    }
}
