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

    /** {@code bytes} parsed by {@code parser}, its byte fields aliasing {@code bytes}. */
    public static <T> T parse(Parser<T> parser, ByteString bytes) throws InvalidProtocolBufferException {
        CodedInputStream in = bytes.newCodedInput();
        in.enableAliasing(true);
        return parser.parseFrom(in);
    }
}
