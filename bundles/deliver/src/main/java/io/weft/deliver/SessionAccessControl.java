package io.weft.deliver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Status;

import io.weft.channelconfig.ChannelConfig;
import io.weft.config.GoDuration;
import io.weft.msp.MspException;
import io.weft.protoutil.SignedData;

/**
 * Fabric's session access control for one Deliver request: the access policy is checked on the request's signed
 * data when the request starts and again whenever the channel's config sequence grows; the session ends once the
 * requester's certificate expires. Used by one request at a time.
 */
final class SessionAccessControl {

    private final AccessPolicy policy;
    private final SignedData signedData;
    private final Optional<Instant> sessionEnd;
    private final Clock clock;
    private long lastSequence;
    private boolean usedAtLeastOnce;

    /** @param config the channel's config when the request arrived, to read the requester's certificate expiry */
    SessionAccessControl(AccessPolicy policy, SignedData signedData, ChannelConfig config, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.signedData = Objects.requireNonNull(signedData, "signedData");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessionEnd = expiresAt(config, signedData);
    }

    /**
     * Checks the request against {@code config}, the channel's current config.
     *
     * @throws DeliverRefusal FORBIDDEN with the reason
     */
    void evaluate(ChannelConfig config) throws DeliverRefusal {
        Instant now = clock.instant();
        if (sessionEnd.isPresent() && now.isAfter(sessionEnd.get())) {
            throw new DeliverRefusal(Status.FORBIDDEN, "deliver client identity expired "
                    + GoDuration.format(Duration.between(sessionEnd.get(), now)) + " before");
        }
        boolean checkNeeded = !usedAtLeastOnce;
        if (config.sequence() > lastSequence) {
            lastSequence = config.sequence();
            checkNeeded = true;
        }
        if (!checkNeeded) {
            return;
        }
        usedAtLeastOnce = true;
        try {
            policy.check(config, signedData);
        } catch (AccessPolicy.AccessDeniedException e) {
            throw new DeliverRefusal(Status.FORBIDDEN, e.getMessage());
        }
    }

    /**
     * When the requester's certificate expires; empty (never) when the creator does not deserialize, as Fabric's
     * {@code ExpiresAt} decides nothing about what it cannot parse and leaves that to the policy.
     */
    private static Optional<Instant> expiresAt(ChannelConfig config, SignedData signedData) {
        try {
            return Optional.ofNullable(config.deserializer().deserializeIdentity(signedData.identity()).expiresAt());
        } catch (MspException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
