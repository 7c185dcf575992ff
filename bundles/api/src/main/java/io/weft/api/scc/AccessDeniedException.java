package io.weft.api.scc;

/** The signer of a proposal does not satisfy the policy of a resource. */
public class AccessDeniedException extends Exception {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
