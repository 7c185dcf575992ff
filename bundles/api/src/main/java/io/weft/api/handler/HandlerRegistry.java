package io.weft.api.handler;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds handlers by name, live. Names come from {@code peer.handlers} in {@code core.yaml}; providers
 * are OSGi services carrying {@link HandlerProperties#NAME} and {@link HandlerProperties#KIND}. Among
 * several providers of one name the framework's ranking decides (highest {@code service.ranking},
 * then lowest {@code service.id}).
 *
 * <p>Every lookup reflects the services registered at that instant: a bundle that arrives, is
 * updated or leaves changes what the next lookup returns, never what a handle already returned
 * points to. Lookups never block, except {@link #await} which waits at most the given time. A name
 * with no provider fails at once with {@link HandlerNotFoundException}. Thread-safe.
 */
@ProviderType
public interface HandlerRegistry {

    /** The highest-ranked provider of {@code name}. */
    <T> HandlerHandle<T> lookup(HandlerKind<T> kind, String name);

    /**
     * As {@link #lookup} but, when no provider is registered, waits up to {@code timeout} for one
     * (covers the gap of an in-place bundle update). Never call this on a network event loop.
     */
    <T> HandlerHandle<T> await(HandlerKind<T> kind, String name, Duration timeout) throws InterruptedException;

    /**
     * The endorsement plugin a chaincode definition names ({@code escc} by default), mapped through
     * {@code peer.handlers.endorsers}.
     */
    HandlerHandle<EndorsementPluginFactory> endorser(String pluginName);

    /**
     * The validation plugin a chaincode definition names ({@code vscc} by default), mapped through
     * {@code peer.handlers.validators}.
     */
    HandlerHandle<ValidationPluginFactory> validator(String pluginName);

    /**
     * As {@link #validator} but, when the mapped name has no provider, waits up to {@code timeout} for one (the gap
     * of an in-place update). An alias {@code core.yaml} does not map fails at once. Never call this on a network
     * event loop.
     */
    HandlerHandle<ValidationPluginFactory> awaitValidator(String pluginName, Duration timeout) throws InterruptedException;

    /** The auth filters of {@code peer.handlers.authFilters}, in order; fails if any is missing. */
    HandlerChain<AuthFilter> authFilters();

    /** The decorators of {@code peer.handlers.decorators}, in order; fails if any is missing. */
    HandlerChain<Decorator> decorators();

    /** Every configured name and every registered provider, for operators. */
    List<HandlerInfo> describe();
}
