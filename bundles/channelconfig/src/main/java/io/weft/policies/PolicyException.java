package io.weft.policies;

import java.util.Optional;

/**
 * A policy was not satisfied, or could not be compiled. The message is Fabric's; {@link #policyPath()}
 * names the policy that failed when it was reached through a {@link PolicyManager}.
 */
public class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String policyPath;

    public PolicyException(String message) {
        this(message, (String) null);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
        this.policyPath = null;
    }

    public PolicyException(String message, String policyPath) {
        super(message);
        this.policyPath = policyPath;
    }

    /** The full path of the failed policy, e.g. {@code /Channel/Application/Writers}, when known. */
    public Optional<String> policyPath() {
        return Optional.ofNullable(policyPath);
    }
}
