package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** The single peer {@code peer snapshot} commands talk to (singular flags, unlike the chaincode trees). */
public final class SnapshotPeerOptions {

    @Option(names = "--peerAddress", description = "Address of the peer to connect to")
    private String peerAddress = "";

    @Option(names = "--tlsRootCertFile", description = "With TLS, the peer's TLS root certificate file")
    private String tlsRootCertFile = "";

    public String peerAddress() {
        return peerAddress;
    }

    public String tlsRootCertFile() {
        return tlsRootCertFile;
    }
}
