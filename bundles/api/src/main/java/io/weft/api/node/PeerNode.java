package io.weft.api.node;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The running peer node. Registered once the node has started its listeners, with
 * {@link #STATUS_PROPERTY} = {@code STARTED}; or, when start-up failed, with {@code FAILED} and
 * {@link #FAILURE_PROPERTY} giving the reason. The launcher reads these properties without
 * sharing classes with the framework.
 */
@ProviderType
public interface PeerNode {

    String STATUS_PROPERTY = "weft.node.status";
    String FAILURE_PROPERTY = "weft.node.failure";

    /** Fabric's {@code ServerStatus.StatusCode} names that a Weft node reports. */
    enum Status {
        STARTED, FAILED
    }

    Status status();

    /** When the node finished starting. */
    Instant startedAt();

    /** The peer's id ({@code peer.id}). */
    String peerId();

    /** The addresses the node listens on, by endpoint ({@code peer}, {@code operations}, …). */
    java.util.Map<String, String> listenAddresses();

    /** Why the node could not start, when {@link #status()} is FAILED. */
    default java.util.Optional<String> failure() {
        return java.util.Optional.empty();
    }
}
