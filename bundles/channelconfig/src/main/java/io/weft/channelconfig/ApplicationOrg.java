package io.weft.channelconfig;

import java.util.List;
import java.util.Objects;

import org.hyperledger.fabric.protos.peer.AnchorPeer;

/**
 * An application (peer) organisation of a channel.
 *
 * @param org the organisation and its MSP
 * @param anchorPeers the {@code AnchorPeers} value, empty when unset
 */
public record ApplicationOrg(Organization org, List<AnchorPeer> anchorPeers) {

    public ApplicationOrg {
        Objects.requireNonNull(org, "org");
        anchorPeers = List.copyOf(anchorPeers);
    }

    public String name() {
        return org.name();
    }

    public String mspId() {
        return org.mspId();
    }
}
