package io.weft.core.node;

import io.weft.comm.HostPort;

/**
 * A listener of the node that is up, registered by the server that owns it with
 * {@link #NAME_PROPERTY} naming it ({@code peer}, {@code operations}).
 */
public interface Endpoint {

    String NAME_PROPERTY = "weft.endpoint";

    /** The endpoint's name. */
    String name();

    /** Where it listens, with the port actually bound. */
    HostPort address();
}
