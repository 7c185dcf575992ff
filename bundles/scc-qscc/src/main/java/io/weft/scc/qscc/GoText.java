package io.weft.scc.qscc;

import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.Response;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/** Fabric's answers and the Go library texts inside them (shim, strconv, protoutil). */
final class GoText {

    /** What Go's protobuf runtime reports for bytes it cannot parse. */
    static final String PROTO_PARSE_ERROR = "proto: cannot parse invalid wire-format data";

    private GoText() {
    }

    /** {@code shim.Success(payload)}. */
    static Response success(ByteString payload) {
        return Response.newBuilder().setStatus(200).setPayload(payload).build();
    }

    /** {@code shim.Error(message)}. */
    static Response error(String message) {
        return Response.newBuilder().setStatus(500).setMessage(message).build();
    }

    /** {@code protoutil.InvokedChaincodeName}: the chaincode the proposal originally invoked. */
    static String invokedChaincodeName(Proposal proposal) {
        ChaincodeProposalPayload payload;
        try {
            payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("could not unmarshal chaincode proposal payload: " + PROTO_PARSE_ERROR, e);
        }
        ChaincodeInvocationSpec cis;
        try {
            cis = ChaincodeInvocationSpec.parseFrom(payload.getInput());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("could not unmarshal chaincode invocation spec: " + PROTO_PARSE_ERROR, e);
        }
        if (!cis.hasChaincodeSpec()) {
            throw new IllegalArgumentException("chaincode spec is nil");
        }
        if (!cis.getChaincodeSpec().hasChaincodeId()) {
            throw new IllegalArgumentException("chaincode id is nil");
        }
        return cis.getChaincodeSpec().getChaincodeId().getName();
    }

    /**
     * Go's {@code strconv.ParseUint(s, 10, 64)}: the value as an unsigned long, or a {@link NumberFormatException}
     * carrying Go's error text ({@code strconv.ParseUint: parsing "x": invalid syntax | value out of range}); the
     * first problem from the left wins, as in Go.
     */
    static long parseUint64(ByteString s) {
        if (s.isEmpty()) {
            throw new NumberFormatException(parseError(s, "invalid syntax"));
        }
        long n = 0;
        for (int i = 0; i < s.size(); i++) {
            int c = s.byteAt(i) & 0xff;
            if (c < '0' || c > '9') {
                throw new NumberFormatException(parseError(s, "invalid syntax"));
            }
            // cutoff = MaxUint64/10 + 1: n*10 would overflow
            if (Long.compareUnsigned(n, Long.divideUnsigned(-1L, 10) + 1) >= 0) {
                throw new NumberFormatException(parseError(s, "value out of range"));
            }
            long n10 = n * 10;
            long n1 = n10 + (c - '0');
            if (Long.compareUnsigned(n1, n10) < 0) {
                throw new NumberFormatException(parseError(s, "value out of range"));
            }
            n = n1;
        }
        return n;
    }

    private static String parseError(ByteString s, String reason) {
        return "strconv.ParseUint: parsing " + quote(s) + ": " + reason;
    }

    /** Go's {@code strconv.Quote} of bytes (printable ASCII kept, others escaped; valid non-ASCII UTF-8 kept). */
    static String quote(ByteString s) {
        StringBuilder b = new StringBuilder("\"");
        String text = s.toStringUtf8();
        boolean validUtf8 = s.isValidUtf8();
        if (!validUtf8) {
            for (int i = 0; i < s.size(); i++) {
                int c = s.byteAt(i) & 0xff;
                if (c < 0x80) {
                    appendAscii(b, c);
                } else {
                    b.append(String.format("\\x%02x", c));
                }
            }
        } else {
            text.codePoints().forEach(cp -> {
                if (cp < 0x80) {
                    appendAscii(b, cp);
                } else if (Character.isISOControl(cp) || !Character.isDefined(cp)) {
                    b.append(cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
                } else {
                    b.appendCodePoint(cp);
                }
            });
        }
        return b.append('"').toString();
    }

    private static void appendAscii(StringBuilder b, int c) {
        switch (c) {
            case '"' -> b.append("\\\"");
            case '\\' -> b.append("\\\\");
            case 0x07 -> b.append("\\a");
            case '\b' -> b.append("\\b");
            case '\f' -> b.append("\\f");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            case 0x0b -> b.append("\\v");
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    b.append(String.format("\\x%02x", c));
                } else {
                    b.append((char) c);
                }
            }
        }
    }

    /** Go's {@code %x} of bytes. */
    static String hex(ByteString bytes) {
        StringBuilder b = new StringBuilder(bytes.size() * 2);
        for (int i = 0; i < bytes.size(); i++) {
            b.append(String.format("%02x", bytes.byteAt(i) & 0xff));
        }
        return b.toString();
    }
}
