package io.weft.core.handlers;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.weft.api.handler.HandlerHandle;
import io.weft.api.handler.HandlerInfo;
import io.weft.api.handler.HandlerKind;

/**
 * One registered provider of a handler name, with a count of the handles open on it.
 *
 * @param <T> the handler interface
 */
final class RegisteredHandler<T> implements Comparable<RegisteredHandler<?>> {

    private final HandlerKind<T> kind;
    private final String name;
    private final T handler;
    private final long serviceId;
    private final int ranking;
    private final String bundleSymbolicName;
    private final String bundleVersion;
    private final AtomicInteger inUse = new AtomicInteger();

    RegisteredHandler(HandlerKind<T> kind, String name, T handler, long serviceId, int ranking, String bundleSymbolicName,
            String bundleVersion) {
        this.kind = requireNonNull(kind, "kind");
        this.name = requireNonNull(name, "name");
        this.handler = requireNonNull(handler, "handler");
        this.serviceId = serviceId;
        this.ranking = ranking;
        this.bundleSymbolicName = requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        this.bundleVersion = requireNonNull(bundleVersion, "bundleVersion");
    }

    String name() {
        return name;
    }

    long serviceId() {
        return serviceId;
    }

    /** Opens a handle; the caller must close it. */
    HandlerHandle<T> open() {
        inUse.incrementAndGet();
        return new Handle();
    }

    HandlerInfo.Provider info() {
        return new HandlerInfo.Provider(serviceId, bundleSymbolicName, bundleVersion, ranking, inUse.get());
    }

    /** The framework's order: highest ranking first, then lowest service id. */
    @Override
    public int compareTo(RegisteredHandler<?> other) {
        int byRanking = Integer.compare(other.ranking, ranking);
        return byRanking != 0 ? byRanking : Long.compare(serviceId, other.serviceId);
    }

    private final class Handle implements HandlerHandle<T> {
        private final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public T handler() {
            return handler;
        }

        @Override
        public HandlerKind<T> kind() {
            return kind;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long serviceId() {
            return serviceId;
        }

        @Override
        public String bundleSymbolicName() {
            return bundleSymbolicName;
        }

        @Override
        public String bundleVersion() {
            return bundleVersion;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                inUse.decrementAndGet();
            }
        }

        @Override
        public String toString() {
            return kind + " " + name + " from " + bundleSymbolicName + " " + bundleVersion + " (service " + serviceId + ")";
        }
    }
}
