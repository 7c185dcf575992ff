package io.weft.tools.configtxgen;

/** A configtx.yaml that cannot be loaded or a profile that cannot be encoded; messages follow Fabric's. */
public class ConfigtxgenException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigtxgenException(String message) {
        super(message);
    }

    public ConfigtxgenException(String message, Throwable cause) {
        super(message, cause);
    }
}
