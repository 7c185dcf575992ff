package io.weft.api.handler;

import org.osgi.annotation.versioning.ProviderType;

/** What the peer offers a validation plugin for one channel (Fabric's plugin dependencies). */
@ProviderType
public interface ValidationContext {

    /** The channel whose blocks the plugin validates. */
    String channelId();
}
