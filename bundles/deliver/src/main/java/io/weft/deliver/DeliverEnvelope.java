package io.weft.deliver;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.config.GoDuration;
import io.weft.protoutil.SignedData;

/**
 * A Deliver request envelope whose headers parsed and passed Fabric's channel header checks: a timestamp within
 * the time window of the server's clock and, under mutual TLS, the client's certificate hash.
 */
record DeliverEnvelope(Envelope envelope, Payload payload, ChannelHeader channelHeader,
        SignatureHeader signatureHeader) {

    /**
     * Parses and checks {@code envelope}.
     *
     * @throws DeliverRefusal BAD_REQUEST, with Fabric's reason
     */
    static DeliverEnvelope parse(Envelope envelope, Instant now, Duration timeWindow, TlsBinding binding,
            X509Certificate clientCertificate) throws DeliverRefusal {
        Payload payload = parse(() -> Payload.parseFrom(envelope.getPayload()), "Payload");
        if (!payload.hasHeader()) {
            throw new DeliverRefusal(Status.BAD_REQUEST, "envelope has no header");
        }
        ChannelHeader chdr = parse(() -> ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()),
                "ChannelHeader");
        SignatureHeader shdr = parse(() -> SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader()),
                "SignatureHeader");
        if (!chdr.hasTimestamp()) {
            throw new DeliverRefusal(Status.BAD_REQUEST, "channel header in envelope must contain timestamp");
        }
        Instant stamped = Instant.ofEpochSecond(chdr.getTimestamp().getSeconds(), chdr.getTimestamp().getNanos());
        if (Duration.between(stamped, now).abs().compareTo(timeWindow) > 0) {
            throw new DeliverRefusal(Status.BAD_REQUEST, "envelope timestamp " + stamped + " is more than "
                    + GoDuration.format(timeWindow) + " apart from current server time " + now);
        }
        binding.check(chdr.getTlsCertHash(), clientCertificate);
        return new DeliverEnvelope(envelope, payload, chdr, shdr);
    }

    String channelId() {
        return channelHeader.getChannelId();
    }

    /** The payload signed by the creator, as the ACL checks it. */
    SignedData signedData() {
        return new SignedData(envelope.getPayload(), signatureHeader.getCreator(), envelope.getSignature());
    }

    /**
     * The payload's seek info.
     *
     * @throws DeliverRefusal BAD_REQUEST when it does not parse
     */
    SeekInfo seekInfo() throws DeliverRefusal {
        return parse(() -> SeekInfo.parseFrom(payload.getData()), "SeekInfo");
    }

    private static <T> T parse(Unmarshal.Parser<T> parser, String what) throws DeliverRefusal {
        try {
            return Unmarshal.parse(parser, "error unmarshalling " + what);
        } catch (InvalidProtocolBufferException e) {
            throw new DeliverRefusal(Status.BAD_REQUEST, e.getMessage());
        }
    }
}
