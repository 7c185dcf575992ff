package io.weft.core.msp;

import com.google.protobuf.ByteString;

/** Whether signed data comes from an admin of the peer's local MSP (Fabric's {@code SignedByAnyAdmin(localMspId)}). */
public interface LocalAdmins {

    /** The identity is not a valid admin, or the signature does not verify; the message says which. */
    final class NotAdminException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotAdminException(String message) {
            super(message);
        }
    }

    /**
     * Returns normally when {@code creator} (a serialized identity) is a valid admin of the local
     * MSP and {@code signature} is its signature over {@code data}.
     */
    void checkSignedByAdmin(ByteString creator, ByteString data, ByteString signature) throws NotAdminException;
}
