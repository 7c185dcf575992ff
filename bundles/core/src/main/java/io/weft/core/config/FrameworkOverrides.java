package io.weft.core.config;

import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;

/**
 * Command-line overrides the launcher passes as framework properties ({@code <prefix><dotted key>}).
 * The framework exposes no way to enumerate its properties, so the launcher also lists the keys
 * in {@code <prefix>keys}.
 */
final class FrameworkOverrides {

    private FrameworkOverrides() {
    }

    static Map<String, String> read(BundleContext context, String prefix) {
        Map<String, String> overrides = new TreeMap<>();
        String keys = context.getProperty(prefix + "keys");
        if (keys == null || keys.isBlank()) {
            return overrides;
        }
        for (String key : keys.split(",")) {
            String value = context.getProperty(prefix + key.trim());
            if (value != null) {
                overrides.put(key.trim(), value);
            }
        }
        return overrides;
    }
}
