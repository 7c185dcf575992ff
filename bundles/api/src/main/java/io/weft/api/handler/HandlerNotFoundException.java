package io.weft.api.handler;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * No provider is registered for a handler name the peer needs. The message names the kind, the
 * name and, when the name came from a chaincode definition, the plugin alias it was mapped from.
 */
public final class HandlerNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HandlerKind<?> kind;
    private final String name;
    private final String alias;

    /** A handler name with no provider. */
    public HandlerNotFoundException(HandlerKind<?> kind, String name) {
        this(kind, name, null, kind.description() + " with name " + name
                + " wasn't found: no bundle provides " + HandlerProperties.NAME + "=" + name);
    }

    /** A plugin alias (e.g. {@code escc}) that {@code core.yaml} maps to a name with no provider. */
    public HandlerNotFoundException(HandlerKind<?> kind, String alias, String name) {
        this(kind, name, alias, "plugin with name " + alias + " wasn't found: core.yaml maps it to "
                + kind.description() + " " + name + ", no provider registered");
    }

    private HandlerNotFoundException(HandlerKind<?> kind, String name, String alias, String message) {
        super(message);
        this.kind = requireNonNull(kind, "kind");
        this.name = name;
        this.alias = alias;
    }

    /** A plugin alias that {@code core.yaml} does not map at all. */
    public static HandlerNotFoundException unmapped(HandlerKind<?> kind, String alias) {
        return new HandlerNotFoundException(kind, null, alias, "plugin with name " + alias
                + " wasn't found: peer.handlers in core.yaml has no " + kind.description() + " named " + alias);
    }

    public HandlerKind<?> kind() {
        return kind;
    }

    /** The handler name looked up, if the alias was mapped. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The plugin alias from a chaincode definition, if the lookup started from one. */
    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }
}
