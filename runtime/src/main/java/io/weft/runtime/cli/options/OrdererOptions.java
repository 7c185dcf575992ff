package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Fabric's orderer connection flags, persistent on {@code peer channel}, {@code peer chaincode} and
 * {@code peer lifecycle chaincode}: valid before or after the verb. As in Fabric they always win over
 * {@code CORE_ORDERER_*} settings.
 */
public final class OrdererOptions {

    @Option(names = {"-o", "--orderer"}, paramLabel = "<host:port>", scope = ScopeType.INHERIT, description = "Orderer endpoint, host:port")
    private String orderer = "";

    @Option(names = "--tls", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            scope = ScopeType.INHERIT, description = "Talk to the orderer over TLS")
    private boolean tls;

    @Option(names = "--clientauth", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            scope = ScopeType.INHERIT, description = "Authenticate to the orderer with a client certificate (mutual TLS)")
    private boolean clientAuth;

    @Option(names = "--cafile", paramLabel = "<file>", scope = ScopeType.INHERIT, description = "PEM file of the CA certificates that sign the orderer's TLS certificate")
    private String caFile = "";

    @Option(names = "--keyfile", paramLabel = "<file>", scope = ScopeType.INHERIT, description = "PEM file of the client TLS private key, for mutual TLS")
    private String keyFile = "";

    @Option(names = "--certfile", paramLabel = "<file>", scope = ScopeType.INHERIT, description = "PEM file of the client TLS certificate, for mutual TLS")
    private String certFile = "";

    @Option(names = "--ordererTLSHostnameOverride", paramLabel = "<host>", scope = ScopeType.INHERIT,
            description = "Host name to expect in the orderer's TLS certificate")
    private String tlsHostnameOverride = "";

    @Option(names = "--connTimeout", paramLabel = "<duration>", converter = GoDurationConverter.class, scope = ScopeType.INHERIT,
            description = "How long to wait for a connection (Go duration)")
    private String connTimeout = "3s";

    @Option(names = "--tlsHandshakeTimeShift", paramLabel = "<duration>", converter = GoDurationConverter.class, scope = ScopeType.INHERIT,
            description = "Shift the clock back by this much when checking certificate expiry in TLS handshakes (Go duration)")
    private String tlsHandshakeTimeShift = "0s";

    public String orderer() {
        return orderer;
    }

    public boolean tls() {
        return tls;
    }

    public boolean clientAuth() {
        return clientAuth;
    }

    public String caFile() {
        return caFile;
    }

    public String keyFile() {
        return keyFile;
    }

    public String certFile() {
        return certFile;
    }

    public String tlsHostnameOverride() {
        return tlsHostnameOverride;
    }

    /** A Go duration, {@code 3s} unless given. */
    public String connTimeout() {
        return connTimeout;
    }

    /** A Go duration, {@code 0s} unless given. */
    public String tlsHandshakeTimeShift() {
        return tlsHandshakeTimeShift;
    }
}
