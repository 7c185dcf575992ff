package io.weft.core.endorser;

/**
 * A proposal the endorser refuses before simulation (unpacking, validation, duplicate txid, {@code peer/Propose}, auth
 * filters): the client gets a gRPC error (UNKNOWN) carrying the message, as Fabric's endorser returns an error.
 */
public final class ProposalException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProposalException(String message) {
        super(message);
    }

    public ProposalException(String message, Throwable cause) {
        super(message, cause);
    }
}
