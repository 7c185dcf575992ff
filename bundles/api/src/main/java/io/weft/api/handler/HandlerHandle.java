package io.weft.api.handler;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One provider picked by the registry for one request. The caller keeps the handle for the
 * whole request and closes it when done, so an update of the providing bundle never changes
 * the handler under a request in flight, and the registry can report how many handles are in use.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 *
 * @param <T> the handler's service interface
 */
@ProviderType
public interface HandlerHandle<T> extends AutoCloseable {

    /** The handler object; valid until {@link #close()}. */
    T handler();

    HandlerKind<T> kind();

    /** The handler name the provider registered ({@link HandlerProperties#NAME}). */
    String name();

    /** The framework's {@code service.id} of the provider. */
    long serviceId();

    /** Symbolic name of the bundle that provides the handler. */
    String bundleSymbolicName();

    /** Version of the bundle that provides the handler. */
    String bundleVersion();

    /** Releases the handle. */
    @Override
    void close();
}
