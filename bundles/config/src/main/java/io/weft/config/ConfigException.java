package io.weft.config;

/**
 * A configuration problem, with a one-line message that names the file and the key, e.g.
 * {@code /etc/hyperledger/fabric/core.yaml: peer.tls.enabled: expected true or false, got "yes"}.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
