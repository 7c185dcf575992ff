package io.weft.orderer;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.bccsp.Pem;
import io.weft.bccsp.PemBlock;
import io.weft.channelconfig.ChannelConfig;
import io.weft.channelconfig.OrdererConfig;
import io.weft.policies.Policy;
import io.weft.policies.PolicyException;
import io.weft.policies.PolicyManager;
import io.weft.protoutil.SignedData;

/**
 * The rules every message of a standard channel passes, normal or config, in Fabric's order
 * ({@code CreateStandardChannelFilters}): not empty, not larger than {@code AbsoluteMaxBytes}, the signer's
 * certificate not expired (before the signature check, so an expired flood costs no verification), and the envelope
 * signed by a {@code /Channel/Writers} member. Stateless; each call reads the config it is given.
 */
final class StandardChannelFilters {

    static final String EMPTY = "Message was empty";
    static final String EXPIRED = "broadcast client identity expired";
    static final String PERMISSION_DENIED = "permission denied";

    private final Clock clock;

    StandardChannelFilters(Clock clock) {
        this.clock = clock;
    }

    void apply(Envelope message, ChannelConfig config) throws RejectedMessageException {
        if (message.getPayload().isEmpty()) {
            throw RejectedMessageException.badRequest(EMPTY);
        }
        OrdererConfig orderer = OrdererConfigs.of(config);
        checkSize(message, orderer);
        if (orderer.capabilities().expirationCheck()) {
            checkExpiration(message);
        }
        checkWriters(message, config.policyManager());
    }

    private static void checkSize(Envelope message, OrdererConfig orderer) throws RejectedMessageException {
        long maxBytes = Integer.toUnsignedLong(orderer.batchSize().getAbsoluteMaxBytes());
        long size = BlockCutter.sizeOf(message);
        if (size > maxBytes) {
            throw RejectedMessageException.badRequest("message payload is " + size
                    + " bytes and exceeds maximum allowed " + maxBytes + " bytes");
        }
    }

    private void checkExpiration(Envelope message) throws RejectedMessageException {
        SignedData signed = signedData(message);
        Optional<Instant> expiresAt = expiresAt(signed.identity().toByteArray());
        if (expiresAt.isPresent() && !clock.instant().isBefore(expiresAt.get())) {
            throw RejectedMessageException.badRequest(EXPIRED);
        }
    }

    private static void checkWriters(Envelope message, PolicyManager policies) throws RejectedMessageException {
        SignedData signed = signedData(message);
        Optional<Policy> writers = policies.find(PolicyManager.CHANNEL_WRITERS);
        if (writers.isEmpty()) {
            throw RejectedMessageException.badRequest("could not find policy " + PolicyManager.CHANNEL_WRITERS);
        }
        try {
            writers.get().evaluateSignedData(List.of(signed));
        } catch (PolicyException e) {
            throw new RejectedMessageException(Status.FORBIDDEN, e.getMessage() + ": " + PERMISSION_DENIED);
        }
    }

    /** Fabric's {@code EnvelopeAsSignedData}, its failures worded as the filters report them. */
    private static SignedData signedData(Envelope message) throws RejectedMessageException {
        Payload payload;
        try {
            payload = Payload.parseFrom(message.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw notSignedData(GoText.PROTO_PARSE_ERROR);
        }
        if (!payload.hasHeader()) {
            throw notSignedData("Missing Header");
        }
        SignatureHeader header;
        try {
            header = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            throw notSignedData("GetSignatureHeaderFromBytes failed, err " + GoText.PROTO_PARSE_ERROR);
        }
        return new SignedData(message.getPayload(), header.getCreator(), message.getSignature());
    }

    private static RejectedMessageException notSignedData(String cause) {
        return RejectedMessageException.badRequest("could not convert message to signedData: " + cause);
    }

    /** Fabric's {@code crypto.ExpiresAt}: empty when the identity is no PEM certificate (no decision then). */
    static Optional<Instant> expiresAt(byte[] serializedIdentity) {
        try {
            byte[] idBytes = SerializedIdentity.parseFrom(serializedIdentity).getIdBytes().toByteArray();
            Optional<PemBlock> block = Pem.decode(idBytes);
            if (block.isEmpty()) {
                return Optional.empty();
            }
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.get().bytes()));
            return Optional.of(cert.getNotAfter().toInstant());
        } catch (InvalidProtocolBufferException | CertificateException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
