package io.weft.comm;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * Netty TLS contexts from Fabric's PEM files, with Fabric's protocol floor (TLS 1.2) and cipher
 * suites. Always the JDK provider: no native TLS library in the runtime.
 */
public final class TlsContexts {

    /** TLS 1.3 suites, then Fabric's {@code DefaultTLSCipherSuites} for TLS 1.2. */
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384");
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** A gRPC (HTTP/2, ALPN) server context; clients must present a certificate when mutual TLS is on. */
    public static SslContext grpcServer(TlsSettings tls) throws IOException {
        SslContextBuilder b = serverBuilder(tls, tls.clientAuthRequired() ? ClientAuth.REQUIRE : ClientAuth.NONE);
        return build(GrpcSslContexts.configure(b, SslProvider.JDK), tls);
    }

    /**
     * A gRPC server context from key material held in memory (the chaincode listener's, issued by its {@link TlsCa}):
     * every client must present a certificate issued by {@code clientRoot}.
     */
    public static SslContext grpcServerRequiringClients(TlsCa.CertKeyPair server, X509Certificate clientRoot)
            throws IOException {
        SslContextBuilder b = SslContextBuilder.forServer(server.key(), server.certificate()).protocols(PROTOCOLS)
                .ciphers(CIPHERS).clientAuth(ClientAuth.REQUIRE).trustManager(clientRoot);
        try {
            return GrpcSslContexts.configure(b, SslProvider.JDK).build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException("TLS server setup failed: " + e.getMessage(), e);
        }
    }

    /**
     * An HTTP/1.1 server context as Fabric's operations endpoint: with mutual TLS every client
     * needs a certificate; otherwise one is verified when given, so handlers can ask for it.
     */
    public static SslContext httpServer(TlsSettings tls) throws IOException {
        SslContextBuilder b = serverBuilder(tls, tls.clientAuthRequired() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        return build(b.sslProvider(SslProvider.JDK), tls);
    }

    /**
     * A gRPC client context trusting {@code rootCertificates}, presenting a client certificate when
     * {@code clientCertificate} and {@code clientKey} are given.
     */
    public static SslContext grpcClient(List<Path> rootCertificates, Optional<Path> clientCertificate,
            Optional<Path> clientKey) throws IOException {
        SslContextBuilder b = SslContextBuilder.forClient();
        if (!rootCertificates.isEmpty()) {
            b.trustManager(PemFiles.certificates(rootCertificates).toArray(X509Certificate[]::new));
        }
        if (clientCertificate.isPresent() != clientKey.isPresent()) {
            throw new IOException("a client certificate needs its key and a key needs its certificate");
        }
        if (clientCertificate.isPresent()) {
            b.keyManager(PemFiles.privateKey(clientKey.get()),
                    PemFiles.certificates(clientCertificate.get()).toArray(X509Certificate[]::new));
        }
        b.protocols(PROTOCOLS).ciphers(CIPHERS);
        try {
            return GrpcSslContexts.configure(b, SslProvider.JDK).build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException("TLS client setup failed: " + e.getMessage(), e);
        }
    }

    /**
     * A gRPC client context from certificates held in memory (an orderer's TLS CAs from a channel config), presenting
     * {@code clientChain} with {@code clientKey} when both are given (mutual TLS).
     */
    public static SslContext grpcClient(List<X509Certificate> rootCertificates, Optional<PrivateKey> clientKey,
            List<X509Certificate> clientChain) throws IOException {
        SslContextBuilder b = SslContextBuilder.forClient().protocols(PROTOCOLS).ciphers(CIPHERS);
        if (!rootCertificates.isEmpty()) {
            b.trustManager(rootCertificates.toArray(X509Certificate[]::new));
        }
        if (clientKey.isPresent() && !clientChain.isEmpty()) {
            b.keyManager(clientKey.get(), clientChain.toArray(X509Certificate[]::new));
        }
        try {
            return GrpcSslContexts.configure(b, SslProvider.JDK).build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException("TLS client setup failed: " + e.getMessage(), e);
        }
    }

    private static SslContextBuilder serverBuilder(TlsSettings tls, ClientAuth clientAuth) throws IOException {
        Path cert = tls.certificate().orElseThrow(() -> new IOException("TLS is enabled but no certificate file is set"));
        Path key = tls.key().orElseThrow(() -> new IOException("TLS is enabled but no key file is set"));
        PrivateKey privateKey = PemFiles.privateKey(key);
        X509Certificate[] chain = PemFiles.certificates(cert).toArray(X509Certificate[]::new);
        SslContextBuilder b = SslContextBuilder.forServer(privateKey, chain).protocols(PROTOCOLS).ciphers(CIPHERS)
                .clientAuth(clientAuth);
        if (clientAuth != ClientAuth.NONE) {
            b.trustManager(PemFiles.certificates(tls.clientRootCertificates()).toArray(X509Certificate[]::new));
        }
        return b;
    }

    private static SslContext build(SslContextBuilder b, TlsSettings tls) throws IOException {
        try {
            return b.build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IOException("TLS setup with " + tls.certificate().orElse(null) + " failed: " + e.getMessage(), e);
        }
    }
}
