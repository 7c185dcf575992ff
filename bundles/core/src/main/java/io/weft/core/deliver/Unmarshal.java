package io.weft.core.deliver;

import com.google.protobuf.InvalidProtocolBufferException;

/** Parses protobuf content, naming in the failure what was being read, as Fabric's wrapped errors do. */
final class Unmarshal {

    /** One parse. */
    @FunctionalInterface
    interface Parser<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private Unmarshal() {
    }

    /** @throws InvalidProtocolBufferException {@code <context>: <cause>} */
    static <T> T parse(Parser<T> parser, String context) throws InvalidProtocolBufferException {
        try {
            return parser.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidProtocolBufferException(context + ": " + e.getMessage());
        }
    }
}
