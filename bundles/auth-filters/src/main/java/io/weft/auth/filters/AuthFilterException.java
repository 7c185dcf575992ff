package io.weft.auth.filters;

/**
 * A filter refused a proposal. Only the message travels: the peer answers the client with a gRPC
 * error carrying it, as Fabric does with a filter's error.
 */
final class AuthFilterException extends Exception {

    private static final long serialVersionUID = 1L;

    AuthFilterException(String message) {
        super(message, null, false, false);
    }
}
