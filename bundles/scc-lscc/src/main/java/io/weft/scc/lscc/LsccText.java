package io.weft.scc.lscc;

import org.hyperledger.fabric.protos.peer.Response;

import com.google.protobuf.ByteString;

/** Fabric's lscc answers and the texts of its errors ({@code core/scc/lscc/errors.go}). */
final class LsccText {

    /** What Go's protobuf runtime reports for bytes it cannot parse. */
    static final String PROTO_PARSE_ERROR = "proto: cannot parse invalid wire-format data";

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

    static String invalidFunction(String function) {
        return "invalid function to lscc: " + function;
    }

    static String txNotFound(String reason) {
        return "transaction not found: " + reason;
    }

    static String invalidDeploymentSpec(String reason) {
        return "invalid deployment spec: " + reason;
    }

    static String notFound(String name) {
        return "could not find chaincode with name '" + name + "'";
    }

    static String invalidChannelName(String channel) {
        return "invalid channel name: " + channel;
    }

    static String invalidChaincodeName(String name) {
        return "invalid chaincode name '" + name
                + "'. Names must start with an alphanumeric character and can only consist of alphanumerics, '_', and '-'";
    }

    static String invalidVersion(String version) {
        return "invalid chaincode version '" + version
                + "'. Versions must not be empty and can only consist of alphanumerics, '_',  '-', '+', and '.'";
    }

    static String chaincodeMismatch(String reason) {
        return "chaincode name mismatch: " + reason;
    }

    static String marshallError(String name) {
        return "error while marshalling: " + name;
    }

    static String fingerprintMismatch(String reason) {
        return "chaincode fingerprint mismatch: " + reason;
    }

    /** The shim's answer to a state read of a proposal without a channel (Fabric's handler has no ledger context). */
    static String noLedgerContext(String messageType, String txId) {
        return messageType + " failed: transaction ID: " + txId + ": no ledger context";
    }
}
