package io.weft.protoutil;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;

/**
 * Parsing of Fabric's nested messages (envelope → payload → transaction → … → read-write set)
 * without copying: the {@code bytes} fields of the result share the input's memory, so each
 * level costs no copy of the levels below it.
 */
public final class Protos {

    private Protos() {
    }

    /**
     * Go's protobuf decoder accepts messages nested this deep; protobuf-java stops at 100. Messages whose depth is
     * data (signature policies nest one gate in two messages) must decode to the same result on every peer.
     */
    public static final int GO_RECURSION_LIMIT = 10_000;

    /** {@code bytes} parsed by {@code parser}, its byte fields aliasing {@code bytes}. */
    public static <T> T parse(Parser<T> parser, ByteString bytes) throws InvalidProtocolBufferException {
        CodedInputStream in = bytes.newCodedInput();
        in.enableAliasing(true);
        return parser.parseFrom(in);
    }

    /**
     * As {@link #parse}, nested as deep as Go's decoder allows ({@link #GO_RECURSION_LIMIT}); deep input recurses
     * as deep, so call this on a thread with a large stack (the committer's validator threads).
     */
    public static <T> T parseNested(Parser<T> parser, ByteString bytes) throws InvalidProtocolBufferException {
        CodedInputStream in = bytes.newCodedInput();
        in.enableAliasing(true);
        in.setRecursionLimit(GO_RECURSION_LIMIT);
        return parser.parseFrom(in);
    }
}
