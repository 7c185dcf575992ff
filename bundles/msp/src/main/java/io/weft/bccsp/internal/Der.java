package io.weft.bccsp.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal DER reader: slices tag-length-value elements out of a buffer without copying, with the
 * strictness of Go's parsers (definite, minimal lengths; single-byte tags). Fabric keeps raw byte
 * ranges (TBS, subject, issuer) that must be bit-exact, which a re-encoding parser cannot promise.
 */
public final class Der {

    public static final int INTEGER = 0x02;
    public static final int BIT_STRING = 0x03;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int OID = 0x06;
    public static final int SEQUENCE = 0x30;
    public static final int SET = 0x31;

    private Der() {
    }

    /** One element: its tag byte and where its header, content and end lie in the buffer. */
    public record Tlv(int tag, int start, int contentStart, int end) {

        public int contentLength() {
            return end - contentStart;
        }

        public boolean constructed() {
            return (tag & 0x20) != 0;
        }

        public byte[] element(byte[] buf) {
            return java.util.Arrays.copyOfRange(buf, start, end);
        }

        public byte[] content(byte[] buf) {
            return java.util.Arrays.copyOfRange(buf, contentStart, end);
        }
    }

    /** Reads the element at {@code offset}, which must end at or before {@code limit}. */
    public static Tlv read(byte[] buf, int offset, int limit) throws DerException {
        if (offset >= limit) {
            throw new DerException("asn1: syntax error: sequence truncated");
        }
        int tag = buf[offset] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new DerException("asn1: structure error: high-tag-number form not supported");
        }
        int p = offset + 1;
        if (p >= limit) {
            throw new DerException("asn1: syntax error: data truncated");
        }
        int b = buf[p++] & 0xff;
        long length;
        if (b < 0x80) {
            length = b;
        } else {
            int n = b & 0x7f;
            if (n == 0) {
                throw new DerException("asn1: syntax error: indefinite length found (not DER)");
            }
            if (n > 4) {
                throw new DerException("asn1: structure error: length too large");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                if (p >= limit) {
                    throw new DerException("asn1: syntax error: data truncated");
                }
                int d = buf[p++] & 0xff;
                if (i == 0 && d == 0) {
                    throw new DerException("asn1: structure error: superfluous leading zeros in length");
                }
                length = (length << 8) | d;
            }
            if (length < 0x80) {
                throw new DerException("asn1: structure error: non-minimal length");
            }
        }
        if (length > limit - p) {
            throw new DerException("asn1: syntax error: data truncated");
        }
        return new Tlv(tag, offset, p, p + (int) length);
    }

    /** Reads the element at {@code offset} and checks its tag. */
    public static Tlv read(byte[] buf, int offset, int limit, int expectedTag) throws DerException {
        Tlv t = read(buf, offset, limit);
        if (t.tag() != expectedTag) {
            throw new DerException("asn1: structure error: tags don't match (expected tag 0x"
                    + Integer.toHexString(expectedTag) + ", found 0x" + Integer.toHexString(t.tag()) + ")");
        }
        return t;
    }

    /** The elements inside a constructed element. */
    public static List<Tlv> children(byte[] buf, Tlv parent) throws DerException {
        List<Tlv> out = new ArrayList<>();
        int p = parent.contentStart();
        while (p < parent.end()) {
            Tlv t = read(buf, p, parent.end());
            out.add(t);
            p = t.end();
        }
        return out;
    }

    /**
     * Checks that the element at {@code offset} and every constructed element inside it use DER
     * lengths, and that it spans exactly {@code [offset, limit)}.
     */
    public static Tlv readWhole(byte[] buf, int offset, int limit) throws DerException {
        Tlv t = read(buf, offset, limit);
        if (t.end() != limit) {
            throw new DerException("x509: trailing data");
        }
        checkNested(buf, t, 0);
        return t;
    }

    private static void checkNested(byte[] buf, Tlv t, int depth) throws DerException {
        if (!t.constructed()) {
            return;
        }
        if (depth > 64) {
            throw new DerException("asn1: structure error: nested too deeply");
        }
        for (Tlv c : children(buf, t)) {
            checkNested(buf, c, depth + 1);
        }
    }

    /** A DER INTEGER as Go's {@code encoding/asn1} reads it: non-empty and minimally encoded. */
    public static BigInteger integer(byte[] buf, Tlv t) throws DerException {
        if (t.tag() != INTEGER) {
            throw new DerException("asn1: structure error: tags don't match (expected INTEGER)");
        }
        int len = t.contentLength();
        if (len == 0) {
            throw new DerException("asn1: syntax error: empty integer");
        }
        if (len > 1) {
            int b0 = buf[t.contentStart()] & 0xff;
            int b1 = buf[t.contentStart() + 1] & 0x80;
            if ((b0 == 0 && b1 == 0) || (b0 == 0xff && b1 == 0x80)) {
                throw new DerException("asn1: structure error: integer not minimally-encoded");
            }
        }
        return new BigInteger(t.content(buf));
    }

    /** DER encoding of an INTEGER. */
    public static byte[] encodeInteger(BigInteger v) {
        return encode(INTEGER, v.toByteArray());
    }

    /** DER encoding of an element with the given tag and content. */
    public static byte[] encode(int tag, byte[] content) {
        byte[] header = header(tag, content.length);
        byte[] out = new byte[header.length + content.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(content, 0, out, header.length, content.length);
        return out;
    }

    /** DER tag and length bytes. */
    public static byte[] header(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        int n = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        byte[] h = new byte[2 + n];
        h[0] = (byte) tag;
        h[1] = (byte) (0x80 | n);
        for (int i = 0; i < n; i++) {
            h[2 + i] = (byte) (length >>> (8 * (n - 1 - i)));
        }
        return h;
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
