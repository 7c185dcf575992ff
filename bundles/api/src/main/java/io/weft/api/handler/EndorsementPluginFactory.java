package io.weft.api.handler;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Provides endorsement plugins (Fabric's {@code endorsement.PluginFactory}). The peer asks for one
 * plugin per channel and provider and keeps it until the provider goes away.
 */
@ConsumerType
public interface EndorsementPluginFactory {

    EndorsementPlugin newPlugin(EndorsementContext context);
}
