package io.weft.scc.lscc;

import org.hyperledger.fabric.protos.peer.Response;

import com.google.protobuf.ByteString;

import io.weft.lifecycle.legacy.LegacyPackage;

/** Fabric's lscc answers and the error texts several of its functions share. */
final class LsccText {

    /** What Go's protobuf runtime reports for bytes it cannot parse. */
    static final String PROTO_PARSE_ERROR = LegacyPackage.PROTO_PARSE_ERROR;

    private LsccText() {
    }

    /** {@code shim.Success(payload)}. */
    static Response success(ByteString payload) {
        return Response.newBuilder().setStatus(200).setPayload(payload).build();
    }

    /** {@code shim.Error(message)}. */
    static Response error(String message) {
        return Response.newBuilder().setStatus(500).setMessage(message).build();
    }

    static String invalidArgsLen(int count) {
        return "invalid number of arguments to lscc: " + count;
    }

    /** The shim's answer to a state read of a proposal without a channel (Fabric's handler has no ledger context). */
    static String noLedgerContext(String messageType, String txId) {
        return messageType + " failed: transaction ID: " + txId + ": no ledger context";
    }
}
