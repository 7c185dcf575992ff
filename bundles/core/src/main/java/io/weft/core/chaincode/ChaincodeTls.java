package io.weft.core.chaincode;

import java.io.IOException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import io.netty.handler.ssl.SslContext;
import io.weft.comm.HostPort;
import io.weft.comm.TlsCa;
import io.weft.comm.TlsContexts;
import io.weft.config.PeerConfigurations;
import io.weft.core.chaincode.launch.ChaincodeLauncher;

/**
 * TLS between the peer and the chaincodes it launches, as Fabric does it: with {@code peer.tls.enabled} the peer
 * makes an ephemeral CA at start; the chaincode listener serves a certificate from it for the host chaincodes dial
 * ({@code peer.chaincodeAddress}, computed as Fabric's) and requires a client certificate from it; every launched
 * chaincode gets its own client certificate in {@code chaincode.json}, which lets it register only as itself. One
 * instance per configuration, shared by the listener and the chaincode support, so both use the same CA.
 */
@Component(service = ChaincodeTls.class, configurationPid = PeerConfigurations.GRPC_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ChaincodeTls {

    /** {@code peer.tls.enabled} and the chaincode endpoint. */
    public @interface Config {
        boolean tls_enabled() default false;

        String chaincodeAddress() default "127.0.0.1:7052";
    }

    private final ChaincodeAuthenticator authenticator;
    private final TlsCa.CertKeyPair server;

    @Activate
    public ChaincodeTls(Config config) {
        this(config.tls_enabled() ? Optional.of(HostPort.parse(config.chaincodeAddress()).host()) : Optional.empty());
    }

    /** @param serverHost the chaincode endpoint's host with TLS on; empty: plaintext */
    public ChaincodeTls(Optional<String> serverHost) {
        if (serverHost.isPresent()) {
            TlsCa ca = TlsCa.generate();
            authenticator = new ChaincodeAuthenticator(ca);
            server = ca.newServerCertKeyPair(serverHost.get());
        } else {
            authenticator = null;
            server = null;
        }
    }

    public boolean enabled() {
        return authenticator != null;
    }

    /** Who may register; empty with TLS off. */
    public Optional<ChaincodeAuthenticator> authenticator() {
        return Optional.ofNullable(authenticator);
    }

    /** The chaincode listener's TLS: its server certificate, client certificates required from the CA. */
    public Optional<SslContext> serverContext() throws IOException {
        return enabled() ? Optional.of(TlsContexts.grpcServerRequiringClients(server, authenticator.ca().certificate()))
                : Optional.empty();
    }

    /** What each launched chaincode gets: a client certificate of its own and the CA, or nothing with TLS off. */
    public ChaincodeLauncher.TlsCredentials credentials() {
        return packageId -> authenticator().map(a -> {
            TlsCa.CertKeyPair client = a.generate(packageId);
            return new ChaincodeLauncher.Credentials(client.certificatePem(), client.keyPem(), a.ca().certificatePem());
        });
    }
}
