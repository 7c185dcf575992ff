package io.weft.core.delivery;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An orderer the peer may pull a channel's blocks from.
 *
 * @param address {@code host:port}
 * @param rootCertificates the TLS CAs (roots and intermediates) its certificate must chain to
 */
public record OrdererEndpoint(String address, List<X509Certificate> rootCertificates) {

    public OrdererEndpoint {
        rootCertificates = List.copyOf(rootCertificates);
    }
}
