package io.weft.configtx;

import java.util.regex.Pattern;

/** Fabric's rules for channel IDs and config keys. */
public final class ConfigIds {

    /** The longest channel ID or config key. */
    public static final int MAX_LENGTH = 249;

    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9.-]*");
    private static final Pattern CONFIG = Pattern.compile("[a-zA-Z0-9.-]+");

    private ConfigIds() {
    }

    /** @throws ConfigtxException e.g. {@code 'My_Channel' contains illegal characters} */
    public static void validateChannelId(String channelId) throws ConfigtxException {
        if (channelId.isEmpty()) {
            throw new ConfigtxException("channel ID illegal, cannot be empty");
        }
        if (channelId.length() > MAX_LENGTH) {
            throw new ConfigtxException("channel ID illegal, cannot be longer than " + MAX_LENGTH);
        }
        if (!CHANNEL.matcher(channelId).matches()) {
            throw new ConfigtxException("'" + channelId + "' contains illegal characters");
        }
    }

    /** @throws ConfigtxException e.g. {@code config ID 'a b' contains illegal characters} */
    public static void validateConfigId(String configId) throws ConfigtxException {
        if (configId.isEmpty()) {
            throw new ConfigtxException("config ID illegal, cannot be empty");
        }
        if (configId.length() > MAX_LENGTH) {
            throw new ConfigtxException("config ID illegal, cannot be longer than " + MAX_LENGTH);
        }
        if (configId.equals(".") || configId.equals("..")) {
            throw new ConfigtxException("name '" + configId + "' for config ID is not allowed");
        }
        if (!CONFIG.matcher(configId).matches()) {
            throw new ConfigtxException("config ID '" + configId + "' contains illegal characters");
        }
    }
}
