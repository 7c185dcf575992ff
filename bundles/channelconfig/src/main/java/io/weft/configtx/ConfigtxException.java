package io.weft.configtx;

/** A config update was rejected; the message gives Fabric's reason chain. */
public class ConfigtxException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigtxException(String message) {
        super(message);
    }

    public ConfigtxException(String message, Throwable cause) {
        super(message, cause);
    }
}
