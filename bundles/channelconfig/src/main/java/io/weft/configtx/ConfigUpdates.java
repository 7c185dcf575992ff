package io.weft.configtx;

import java.util.ArrayList;
import java.util.List;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.protoutil.SignedData;

/** Reading config updates out of envelopes, and their signatures as policy input (Fabric's protoutil helpers). */
public final class ConfigUpdates {

    private ConfigUpdates() {
    }

    /** Fabric's {@code EnvelopeToConfigUpdate}: the envelope must be of type {@code CONFIG_UPDATE}. */
    public static ConfigUpdateEnvelope fromEnvelope(Envelope envelope) throws ConfigtxException {
        try {
            Payload payload = Payload.parseFrom(envelope.getPayload());
            if (!payload.hasHeader()) {
                throw new ConfigtxException("envelope must have a Header");
            }
            ChannelHeader chdr = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (chdr.getType() != HeaderType.CONFIG_UPDATE_VALUE) {
                HeaderType t = HeaderType.forNumber(chdr.getType());
                throw new ConfigtxException("invalid type " + (t == null ? String.valueOf(chdr.getType()) : t.name())
                        + ", expected CONFIG_UPDATE");
            }
            return ConfigUpdateEnvelope.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigtxException("could not unmarshal envelope: " + e.getMessage(), e);
        }
    }

    /**
     * Fabric's {@code ConfigUpdateEnvelopeAsSignedData}: each signature covers
     * {@code signature_header ‖ config_update} and is made by the signature header's creator.
     */
    public static List<SignedData> signedData(ConfigUpdateEnvelope envelope) throws ConfigtxException {
        List<SignedData> out = new ArrayList<>(envelope.getSignaturesCount());
        for (ConfigSignature sig : envelope.getSignaturesList()) {
            SignatureHeader header;
            try {
                header = SignatureHeader.parseFrom(sig.getSignatureHeader());
            } catch (InvalidProtocolBufferException e) {
                throw new ConfigtxException("failed to unmarshal signature header: " + e.getMessage(), e);
            }
            out.add(new SignedData(sig.getSignatureHeader().concat(envelope.getConfigUpdate()), header.getCreator(),
                    sig.getSignature()));
        }
        return out;
    }
}
