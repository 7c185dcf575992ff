package io.weft.runtime.cli;

/**
 * A command failed; the CLI prints {@code Error: <message>} on standard error and exits 1, as
 * Fabric's {@code peer} does.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The command exists in Fabric's {@code peer} but Weft does not implement it yet. */
    public static CliException notAvailable(String commandPath) {
        return new CliException(commandPath + " is not available yet in Weft");
    }
}
