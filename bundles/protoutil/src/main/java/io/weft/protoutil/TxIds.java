package io.weft.protoutil;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/** Fabric's transaction id: lower-case hex SHA-256 of {@code nonce ‖ creator}. */
public final class TxIds {

    private TxIds() {
    }

    public static String compute(ByteString nonce, ByteString creator) {
        return Hashing.hex(Hashing.sha256(nonce, creator));
    }

    /**
     * The id a transaction envelope carries in its channel header, or, when that is empty, the id
     * computed from its signature header (Fabric's {@code GetOrComputeTxIDFromEnvelope}).
     *
     * @throws InvalidProtocolBufferException when the envelope, payload or a header does not parse,
     *         or the payload has no header
     */
    public static String fromEnvelope(ByteString envelopeBytes) throws InvalidProtocolBufferException {
        Payload payload = Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
        if (!payload.hasHeader()) {
            throw new InvalidProtocolBufferException("error getting txID from header: payload header is nil");
        }
        return fromHeaders(ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()),
                payload.getHeader().getSignatureHeader());
    }

    /**
     * The id in {@code channelHeader}, or, when that is empty, the one computed from the signature
     * header's nonce and creator.
     *
     * @throws InvalidProtocolBufferException when the id must be computed and the signature header does not parse
     */
    public static String fromHeaders(ChannelHeader channelHeader, ByteString signatureHeader)
            throws InvalidProtocolBufferException {
        if (!channelHeader.getTxId().isEmpty()) {
            return channelHeader.getTxId();
        }
        SignatureHeader signature = SignatureHeader.parseFrom(signatureHeader);
        return compute(signature.getNonce(), signature.getCreator());
    }
}
