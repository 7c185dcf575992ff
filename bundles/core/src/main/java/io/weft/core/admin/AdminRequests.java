package io.weft.core.admin;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.AdminOperation;

import io.weft.core.msp.LocalAdmins;

/**
 * Checks an Admin request envelope as Fabric 1.4's admin validator: type PEER_ADMIN_OPERATION, a
 * timestamp within 15 minutes of now, and a signature by an admin of the local MSP.
 */
final class AdminRequests {

    static final Duration TIME_WINDOW = Duration.ofMinutes(15);
    /** Fabric 1.4's {@code HeaderType.PEER_ADMIN_OPERATION}; fabric-protos 0.3 reserves the number without a name. */
    static final int PEER_ADMIN_OPERATION = 8;

    /** Denied or malformed; the message is what the client sees. */
    static final class RejectedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean accessDenied;

        RejectedException(String message, boolean accessDenied) {
            super(message);
            this.accessDenied = accessDenied;
        }

        boolean accessDenied() {
            return accessDenied;
        }
    }

    private final LocalAdmins admins;
    private final Clock clock;

    AdminRequests(LocalAdmins admins, Clock clock) {
        this.admins = requireNonNull(admins, "admins");
        this.clock = requireNonNull(clock, "clock");
    }

    /** The operation an authorised envelope carries. */
    AdminOperation validate(Envelope envelope, String remoteAddress) throws RejectedException {
        if (envelope == null) {
            throw new RejectedException("nil envelope", false);
        }
        Payload payload;
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        AdminOperation operation;
        try {
            payload = Payload.parseFrom(envelope.getPayload());
            if (!payload.hasHeader()) {
                throw new RejectedException("bad request: envelope must have a Header", false);
            }
            channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (channelHeader.getType() != PEER_ADMIN_OPERATION) {
                throw new RejectedException("bad request: invalid type " + headerTypeName(channelHeader.getType())
                        + ", expected PEER_ADMIN_OPERATION", false);
            }
            operation = AdminOperation.parseFrom(payload.getData());
            signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new RejectedException("bad request: " + e.getMessage(), false);
        }
        if (!channelHeader.hasTimestamp()) {
            throw new RejectedException("empty timestamp", false);
        }
        Instant sent = Instant.ofEpochSecond(channelHeader.getTimestamp().getSeconds(), channelHeader.getTimestamp().getNanos());
        Instant now = clock.instant();
        if (sent.plus(TIME_WINDOW).isBefore(now) || sent.minus(TIME_WINDOW).isAfter(now)) {
            AdminServiceImpl.LOG.warn("Request from {} unauthorized due to incorrect time: {}", remoteAddress, sent);
            throw new RejectedException("access denied", true);
        }
        try {
            admins.checkSignedByAdmin(signatureHeader.getCreator(), envelope.getPayload(), envelope.getSignature());
        } catch (LocalAdmins.NotAdminException e) {
            AdminServiceImpl.LOG.warn("Request from {} unauthorized due to authentication: {}", remoteAddress, e.getMessage());
            throw new RejectedException("access denied", true);
        }
        return operation;
    }

    private static String headerTypeName(int type) {
        HeaderType t = HeaderType.forNumber(type);
        return type == PEER_ADMIN_OPERATION ? "PEER_ADMIN_OPERATION" : t == null ? String.valueOf(type) : t.name();
    }
}
