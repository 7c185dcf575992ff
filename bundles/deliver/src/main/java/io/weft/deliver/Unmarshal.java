package io.weft.deliver;

import com.google.protobuf.InvalidProtocolBufferException;

/** Parses protobuf content, naming in the failure what was being read, as Fabric's wrapped errors do. */
public final class Unmarshal {

    /** One parse. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private Unmarshal() {
    }

    /** @throws InvalidProtocolBufferException {@code <context>: <cause>} */
    public static <T> T parse(Parser<T> parser, String context) throws InvalidProtocolBufferException {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidProtocolBufferException(context + ": " + e.getMessage());
        }
    }
}
