package io.weft.core.chaincode;

import java.util.Optional;

import io.weft.channelconfig.ChannelConfig;

/**
 * The current configuration of the peer's channels, as the chaincode handler needs it (Fabric's
 * {@code ApplicationConfigRetriever} and {@code IdentityDeserializerFactory}): the application capabilities that
 * gate state metadata and purging, the MSPs that evaluate collection member policies, the orgs that have implicit
 * collections. Looked up on each request, so a config block takes effect for the next one.
 */
@FunctionalInterface
public interface ChannelConfigs {

    /** No channel is known: private data, state metadata and purging fail. */
    ChannelConfigs NONE = channelId -> Optional.empty();

    /** The channel's current config, if the peer has joined it. */
    Optional<ChannelConfig> config(String channelId);
}
