package io.weft.orderer;

/** Texts of Go's libraries that Fabric's answers carry. */
final class GoText {

    /** What Go's protobuf decoder says of bytes that are no valid message. */
    static final String PROTO_PARSE_ERROR = "proto: cannot parse invalid wire-format data";

    private GoText() {
    }
}
