package io.weft.api.handler;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A kind of handler, as Fabric's handler library knows them ({@code Auth}, {@code Decoration},
 * {@code Endorsement}, {@code Validation}), typed by the service interface its providers register.
 *
 * @param <T> the service interface providers of this kind register
 */
public final class HandlerKind<T> {

    public static final HandlerKind<AuthFilter> AUTH = new HandlerKind<>("auth", "auth filter", AuthFilter.class);
    public static final HandlerKind<Decorator> DECORATION = new HandlerKind<>("decoration", "decorator", Decorator.class);
    public static final HandlerKind<EndorsementPluginFactory> ENDORSEMENT =
            new HandlerKind<>("endorsement", "endorsement plugin", EndorsementPluginFactory.class);
    public static final HandlerKind<ValidationPluginFactory> VALIDATION =
            new HandlerKind<>("validation", "validation plugin", ValidationPluginFactory.class);

    /** Every kind, in the order Fabric's handler types are numbered. */
    public static final List<HandlerKind<?>> ALL = List.of(AUTH, DECORATION, ENDORSEMENT, VALIDATION);

    private final String id;
    private final String description;
    private final Class<T> type;

    private HandlerKind(String id, String description, Class<T> type) {
        this.id = requireNonNull(id, "id");
        this.description = requireNonNull(description, "description");
        this.type = requireNonNull(type, "type");
    }

    /** The value of {@link HandlerProperties#KIND} for this kind. */
    public String id() {
        return id;
    }

    /** Human-readable name used in error messages, e.g. {@code endorsement plugin}. */
    public String description() {
        return description;
    }

    /** The service interface providers of this kind register. */
    public Class<T> type() {
        return type;
    }

    /** The kind with the given {@link #id()}, if any. */
    public static Optional<HandlerKind<?>> byId(String id) {
        return ALL.stream().filter(k -> k.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
