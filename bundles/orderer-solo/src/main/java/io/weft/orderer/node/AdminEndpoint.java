package io.weft.orderer.node;

import static java.util.Objects.requireNonNull;

import io.weft.comm.HostPort;

/**
 * The admin endpoint serving, registered by {@link ChannelParticipationComponent} once it listens.
 *
 * @param address where it listens, with the port it bound
 */
public record AdminEndpoint(HostPort address) {

    public AdminEndpoint {
        requireNonNull(address, "address");
    }
}
