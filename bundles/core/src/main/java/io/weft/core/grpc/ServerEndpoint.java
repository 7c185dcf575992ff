package io.weft.core.grpc;

import io.weft.comm.HostPort;
import io.weft.core.node.Endpoint;

/** A listener's bound address, published for the node and the tests. */
record ServerEndpoint(String name, HostPort address) implements Endpoint {
}
