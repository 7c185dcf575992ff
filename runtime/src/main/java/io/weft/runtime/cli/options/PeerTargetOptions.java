package io.weft.runtime.cli.options;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * The peers a chaincode command talks to. Both lists are repeatable and keep every value as given
 * (no comma splitting), like pflag's string arrays; with TLS the n-th root certificate belongs to
 * the n-th address.
 */
public final class PeerTargetOptions {

    @Option(names = "--peerAddresses", paramLabel = "<address>",
            description = "Address of a peer to connect to; repeat for several peers")
    private List<String> peerAddresses = new ArrayList<>();

    @Option(names = "--tlsRootCertFiles", paramLabel = "<file>",
            description = "With TLS, the root certificate file of each --peerAddresses peer, in the same order")
    private List<String> tlsRootCertFiles = new ArrayList<>();

    @Option(names = "--connectionProfile", description = "Connection profile file giving the peers' connection details")
    private String connectionProfile = "";

    /** Empty when not given: Fabric then uses {@code [""]}, i.e. the peer at {@code peer.address}. */
    public List<String> peerAddresses() {
        return List.copyOf(peerAddresses);
    }

    /** Empty when not given (Fabric's {@code [""]}). */
    public List<String> tlsRootCertFiles() {
        return List.copyOf(tlsRootCertFiles);
    }

    public String connectionProfile() {
        return connectionProfile;
    }
}
