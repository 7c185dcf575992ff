package io.weft.api.handler;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Provides validation plugins (Fabric's {@code validation.PluginFactory}). The committer asks for
 * one plugin per channel and provider and pins the provider for a whole block.
 */
@ConsumerType
public interface ValidationPluginFactory {

    ValidationPlugin newPlugin(ValidationContext context);
}
