package io.weft.api.handler;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The handlers of one ordered kind (auth filters, decorators) picked for one request, in
 * {@code core.yaml} order. Closing the chain closes every handle.
 *
 * @param <T> the handler's service interface
 */
public final class HandlerChain<T> implements AutoCloseable {

    private final List<HandlerHandle<T>> handles;

    public HandlerChain(List<HandlerHandle<T>> handles) {
        this.handles = List.copyOf(requireNonNull(handles, "handles"));
    }

    /** The handles in configuration order. */
    public List<HandlerHandle<T>> handles() {
        return handles;
    }

    /** The handler at position {@code index}. */
    public T get(int index) {
        return handles.get(index).handler();
    }

    public int size() {
        return handles.size();
    }

    @Override
    public void close() {
        handles.forEach(HandlerHandle::close);
    }
}
