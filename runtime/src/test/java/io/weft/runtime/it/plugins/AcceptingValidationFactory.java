package io.weft.runtime.it.plugins;

import io.weft.api.handler.ValidationContext;
import io.weft.api.handler.ValidationPlugin;
import io.weft.api.handler.ValidationPluginFactory;

/**
 * A validation plugin packed into test bundles by {@link io.weft.runtime.it.TestBundles}: it accepts every action,
 * so blocks of properly endorsed transactions validate the same under it as under DefaultValidation, and a test can
 * swap it in and out while blocks commit and see which bundle version judged each block.
 */
public final class AcceptingValidationFactory implements ValidationPluginFactory {

    private volatile String version = "?";

    void activate(java.util.Map<String, Object> properties) {
        version = String.valueOf(properties.get("plugin.version"));
    }

    @Override
    public String toString() {
        return "accepting test plugin " + version;
    }

    @Override
    public ValidationPlugin newPlugin(ValidationContext context) {
        return request -> ValidationPlugin.Result.NO_KEY_LEVEL_POLICIES;
    }
}
