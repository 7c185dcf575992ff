package io.weft.core.committer;

import java.util.Optional;

import io.weft.msp.IdentityDeserializer;

/**
 * The identity deserializer for the channel a transaction names in its header (Fabric's
 * {@code mspmgmt.GetIdentityDeserializer}): the local MSP for {@code ""}, the channel's MSP manager otherwise,
 * empty for a channel this peer has not joined.
 */
@FunctionalInterface
public interface ChannelDeserializers {

    Optional<IdentityDeserializer> forChannel(String channelId);
}
