package io.weft.core.chaincode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fabric's {@code HandlerRegistry} in dev mode: the handlers of the chaincodes that registered, by chaincode ID
 * ({@code name:version} in dev mode, the package ID for {@code _lifecycle}). Unsolicited registration is allowed.
 */
public final class HandlerRegistry {

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Adds a registered handler; a second handler for the same chaincode ID is refused as in Fabric. */
    void register(Handler h) {
        if (handlers.putIfAbsent(h.chaincodeId(), h) != null) {
            throw new ChaincodeException("duplicate chaincodeID: " + h.chaincodeId());
        }
    }

    /** The handler reached READY: whoever waits for its chaincode ID goes on. */
    void ready(Handler h) {
        CompletableFuture<Void> f = waiting.remove(h.chaincodeId());
        if (f != null) {
            f.complete(null);
        }
    }

    /** Whether a chaincode registered as exactly {@code chaincodeId} is ready for transactions. */
    public boolean isReady(String chaincodeId) {
        Handler h = handlers.get(chaincodeId);
        return h != null && h.isReady();
    }

    /** Completes once a chaincode registered as {@code chaincodeId} is ready (at once if one is). */
    public CompletableFuture<Void> whenReady(String chaincodeId) {
        CompletableFuture<Void> f = waiting.computeIfAbsent(chaincodeId, k -> new CompletableFuture<>());
        if (isReady(chaincodeId)) {
            waiting.remove(chaincodeId, f);
            f.complete(null);
        }
        return f;
    }

    /** Removes the handler if it is the one registered under its chaincode ID. */
    void deregister(Handler h) {
        if (h.chaincodeId() != null) {
            handlers.remove(h.chaincodeId(), h);
        }
    }

    /** The handler registered under exactly this chaincode ID. */
    public Optional<Handler> handler(String chaincodeId) {
        return Optional.ofNullable(handlers.get(chaincodeId));
    }

    /**
     * The ready handler for a chaincode name: the one registered as {@code name}, else one registered as
     * {@code name:<version>} (dev mode). A handler still between REGISTER and READY is not offered: a transaction
     * sent to it before READY would reach a shim that ignores it until the execute timeout.
     */
    public Optional<Handler> handlerForName(String name) {
        Handler exact = handlers.get(name);
        if (exact != null && exact.isReady()) {
            return Optional.of(exact);
        }
        String prefix = name + ":";
        return handlers.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .filter(Handler::isReady).findFirst();
    }

    /** The registered chaincode IDs. */
    public List<String> chaincodeIds() {
        return List.copyOf(handlers.keySet());
    }
}
