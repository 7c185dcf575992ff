package io.weft.orderer;

import org.hyperledger.fabric.protos.common.Status;

/**
 * Why the orderer refuses a message: the status and info of Fabric's {@code BroadcastResponse}. The status is what
 * Fabric's {@code ClassifyError} derives from the error's cause, so prefixes added on the way up keep it.
 */
public final class RejectedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Status status;

    public RejectedMessageException(Status status, String message) {
        super(message);
        this.status = status;
    }

    /** A {@code BAD_REQUEST}, Fabric's status for every error without a classified cause. */
    public static RejectedMessageException badRequest(String message) {
        return new RejectedMessageException(Status.BAD_REQUEST, message);
    }

    public Status status() {
        return status;
    }

    /** The same refusal, its message prefixed as Go's {@code errors.WithMessage} does. */
    public RejectedMessageException withContext(String context) {
        return new RejectedMessageException(status, context + ": " + getMessage());
    }
}
