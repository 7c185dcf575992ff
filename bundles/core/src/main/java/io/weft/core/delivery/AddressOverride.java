package io.weft.core.delivery;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An entry of {@code peer.deliveryclient.addressOverrides}: an orderer address of channel configs replaced by another
 * (an orderer moved, or reached through another name), with other TLS CAs when {@code caCertsFile} is given.
 *
 * @param rootCertificates the CAs of {@code caCertsFile}; empty keeps the channel config's
 */
public record AddressOverride(String from, String to, List<X509Certificate> rootCertificates) {

    public AddressOverride {
        rootCertificates = List.copyOf(rootCertificates);
    }

    OrdererEndpoint apply(OrdererEndpoint endpoint) {
        return new OrdererEndpoint(to, rootCertificates.isEmpty() ? endpoint.rootCertificates() : rootCertificates);
    }
}
