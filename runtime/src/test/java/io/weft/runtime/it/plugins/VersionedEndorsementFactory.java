package io.weft.runtime.it.plugins;

import java.util.Map;

import io.weft.api.handler.EndorsementException;
import io.weft.api.handler.EndorsementPlugin;
import io.weft.api.handler.EndorsementPluginFactory;
import io.weft.api.handler.EndorsementContext;

/**
 * A plugin packed into test bundles by {@link io.weft.runtime.it.TestBundles}; each bundle's DS
 * description gives it a version, which it reports, so a test can tell which bundle served it.
 */
public final class VersionedEndorsementFactory implements EndorsementPluginFactory {

    private volatile String version = "?";

    void activate(Map<String, Object> properties) {
        version = String.valueOf(properties.get("plugin.version"));
    }

    @Override
    public EndorsementPlugin newPlugin(EndorsementContext context) {
        String v = version;
        return (payload, proposal) -> {
            throw new EndorsementException("test plugin " + v + " does not endorse");
        };
    }

    @Override
    public String toString() {
        return "test plugin " + version;
    }
}
