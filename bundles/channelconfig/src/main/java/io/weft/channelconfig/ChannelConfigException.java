package io.weft.channelconfig;

/** A configuration could not be turned into a channel config bundle; the message is Fabric's. */
public class ChannelConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChannelConfigException(String message) {
        super(message);
    }

    public ChannelConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
