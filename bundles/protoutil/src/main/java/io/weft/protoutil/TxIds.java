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
        String txId = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
        if (!txId.isEmpty()) {
            return txId;
        }
        SignatureHeader signature = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        return compute(signature.getNonce(), signature.getCreator());
    }
}
