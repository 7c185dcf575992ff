package io.weft.scc.lscc;

import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.peer.Response;

import com.google.protobuf.ByteString;

import io.weft.api.channel.ChannelView;
import io.weft.api.channel.PeerChannels;

/**
 * lscc's {@code deploy} and {@code upgrade}: {@code [function, channel, ChaincodeDeploymentSpec, policy?, escc?,
 * vscc?, collections?]}. Fabric 2.5 refuses them on channels with the V2_0 application capability (LSCC is then
 * read-only); Weft serves only the new lifecycle, so it refuses them on older channels too, after Fabric's own
 * argument and channel checks.
 */
final class LegacyDeploys {

    private final PeerChannels channels;

    LegacyDeploys(PeerChannels channels) {
        this.channels = channels;
    }

    Response deployOrUpgrade(List<ByteString> args, String function) {
        if (args.size() < 3) {
            return LsccText.error(LsccText.invalidArgsLen(args.size()));
        }
        String channel = args.get(1).toStringUtf8();
        if (channel.isEmpty()) {
            return LsccText.error("invalid channel name: " + channel);
        }
        Optional<ChannelView> view = channels.channel(channel).filter(v -> v.applicationMspIds().isPresent());
        if (view.isEmpty()) {
            // Fabric panics here (a channel the peer endorses for always has an application config)
            return LsccText.error("programming error, non-existent appplication config for channel '" + channel + "'");
        }
        if (view.get().lifecycleV20()) {
            return LsccText.error("Channel '" + channel + "' has been migrated to the new lifecycle, LSCC is now read-only");
        }
        return LsccText.error("cannot " + function + " on channel '" + channel + "': Weft does not run the legacy "
                + "(pre-V2_0) chaincode lifecycle; enable the V2_0 application capability and use _lifecycle");
    }
}
