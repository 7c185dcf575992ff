package io.weft.deliver;

import org.osgi.annotation.versioning.ConsumerType;

import io.weft.channelconfig.ChannelConfig;
import io.weft.protoutil.SignedData;

/**
 * Who may read a channel's blocks: evaluated on a request's signed data under the channel's current config, when
 * the request starts and again whenever the config sequence grows.
 */
@ConsumerType
@FunctionalInterface
public interface AccessPolicy {

    /**
     * Checks {@code requester} under {@code config}.
     *
     * @throws AccessDeniedException the request is FORBIDDEN, for the reason given
     */
    void check(ChannelConfig config, SignedData requester) throws AccessDeniedException;

    /** The requester may not read the channel; the message is the policy's reason. */
    final class AccessDeniedException extends Exception {

        private static final long serialVersionUID = 1L;

        public AccessDeniedException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
