package io.weft.core.chaincode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fabric's {@code HandlerRegistry} in dev mode: the handlers of the chaincodes that registered, by chaincode ID
 * ({@code name:version} in dev mode, the package ID for {@code _lifecycle}). Unsolicited registration is allowed.
 */
public final class HandlerRegistry {

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

    /** Adds a registered handler; a second handler for the same chaincode ID is refused as in Fabric. */
    void register(Handler h) {
        if (handlers.putIfAbsent(h.chaincodeId(), h) != null) {
            throw new ChaincodeException("duplicate chaincodeID: " + h.chaincodeId());
        }
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
     * The handler for a chaincode name: the one registered as {@code name}, else one registered as
     * {@code name:<version>} (dev mode).
     */
    public Optional<Handler> handlerForName(String name) {
        Handler exact = handlers.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        String prefix = name + ":";
        return handlers.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .findFirst();
    }

    /** The registered chaincode IDs. */
    public List<String> chaincodeIds() {
        return List.copyOf(handlers.keySet());
    }
}
