package io.weft.protoutil;

import java.security.SecureRandom;
import java.time.Instant;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Timestamp;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

import io.weft.api.identity.SigningIdentity;

/** Signed envelopes as Fabric's {@code CreateSignedEnvelope}: channel header, signature header with a 24-byte nonce, signed payload. */
public final class Envelopes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Envelopes() {
    }

    /** A random 24-byte nonce, as Fabric's {@code crypto.GetRandomNonce}. */
    public static ByteString nonce() {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        return ByteString.copyFrom(nonce);
    }

    /** Now, as a protobuf timestamp. */
    public static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    /** An envelope of {@code type} on {@code channelId} carrying {@code data}, signed by {@code signer}. */
    public static Envelope signed(int type, String channelId, SigningIdentity signer, MessageLite data) {
        return signed(type, channelId, signer, data, ByteString.EMPTY);
    }

    /**
     * Fabric's {@code CreateSignedEnvelopeWithTLSBinding}: as above, with the SHA-256 of the client's TLS certificate
     * in the channel header, binding the envelope to the mutual-TLS connection it is sent on (empty: no binding).
     */
    public static Envelope signed(int type, String channelId, SigningIdentity signer, MessageLite data,
            ByteString tlsCertHash) {
        ChannelHeader channelHeader = ChannelHeader.newBuilder().setType(type).setChannelId(channelId).setTimestamp(now())
                .setTlsCertHash(tlsCertHash).build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder().setCreator(signer.serialize()).setNonce(nonce()).build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString()))
                .setData(data.toByteString()).build();
        ByteString payloadBytes = payload.toByteString();
        return Envelope.newBuilder().setPayload(payloadBytes)
                .setSignature(ByteString.copyFrom(signer.sign(payloadBytes.toByteArray()))).build();
    }
}
