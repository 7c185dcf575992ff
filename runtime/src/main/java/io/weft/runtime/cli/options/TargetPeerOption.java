package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code --targetPeer}. */
public final class TargetPeerOption {

    @Option(names = "--targetPeer", description = "With --connectionProfile, the name of the peer to act on")
    private String targetPeer = "";

    public String targetPeer() {
        return targetPeer;
    }
}
