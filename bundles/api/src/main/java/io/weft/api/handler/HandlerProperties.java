package io.weft.api.handler;

/** Service property names shared by every named provider the peer looks up. */
public final class HandlerProperties {

    /** The handler's name, as {@code core.yaml} refers to it, e.g. {@code DefaultEndorsement}. */
    public static final String NAME = "weft.handler.name";

    /** The handler's kind: one of {@link HandlerKind#id()}. */
    public static final String KIND = "weft.handler.kind";

    private HandlerProperties() {
    }
}
