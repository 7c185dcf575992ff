package io.weft.core.delivery;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.OrdererOrg;
import io.weft.msp.Msp;

/**
 * The orderers of a channel as Fabric's peer reads them from the channel config: the {@code Endpoints} of each orderer
 * organization with that organization's TLS CAs; when no organization names endpoints, the channel's global
 * {@code OrdererAddresses} (deprecated in Fabric) with the TLS CAs of every orderer organization.
 * {@code peer.deliveryclient.addressOverrides} then replace addresses (and their CAs).
 */
public final class OrdererEndpoints {

    private OrdererEndpoints() {
    }

    /** The channel's orderers, with {@code overrides} (keyed by the address they replace) applied. */
    public static List<OrdererEndpoint> of(ChannelConfig config, java.util.Map<String, AddressOverride> overrides) {
        return of(config).stream().map(e -> {
            AddressOverride o = overrides.get(e.address());
            return o == null ? e : o.apply(e);
        }).toList();
    }

    public static List<OrdererEndpoint> of(ChannelConfig config) {
        List<OrdererOrg> orgs = config.orderer().map(o -> List.copyOf(o.orgs().values())).orElse(List.of());
        List<OrdererEndpoint> perOrg = new ArrayList<>();
        for (OrdererOrg org : orgs) {
            List<X509Certificate> roots = tlsCas(org.org().msp());
            org.endpoints().forEach(address -> perOrg.add(new OrdererEndpoint(address, roots)));
        }
        if (!perOrg.isEmpty()) {
            return perOrg;
        }
        List<X509Certificate> all = new ArrayList<>();
        orgs.forEach(org -> all.addAll(tlsCas(org.org().msp())));
        return config.ordererAddresses().stream().map(address -> new OrdererEndpoint(address, all)).toList();
    }

    private static List<X509Certificate> tlsCas(Msp msp) {
        List<X509Certificate> certs = new ArrayList<>();
        msp.tlsRootCerts().forEach(pem -> certs.addAll(parse(pem)));
        msp.tlsIntermediateCerts().forEach(pem -> certs.addAll(parse(pem)));
        return certs;
    }

    private static List<X509Certificate> parse(ByteString pem) {
        try {
            List<X509Certificate> certs = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.toByteArray()))
                    .forEach(c -> certs.add((X509Certificate) c));
            return certs;
        } catch (CertificateException e) {
            // the channel's MSP config was validated when it was loaded; an unreadable CA only narrows the trust
            return List.of();
        }
    }
}
