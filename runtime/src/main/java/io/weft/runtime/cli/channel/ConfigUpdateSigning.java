package io.weft.runtime.cli.channel;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.identity.SigningIdentity;
import io.weft.protoutil.Envelopes;
import io.weft.runtime.cli.CliException;

/**
 * Fabric's {@code sanityCheckAndSignConfigTx}, shared by {@code peer channel signconfigtx}, {@code create} and
 * {@code update}: the envelope must carry a {@code CONFIG_UPDATE} for a named channel; the local MSP's signature is
 * added to the update's signatures and the envelope re-made and signed by it.
 */
final class ConfigUpdateSigning {

    private ConfigUpdateSigning() {
    }

    /**
     * @param channelId the {@code -c} channel, empty when not given (then the envelope's is taken)
     * @throws CliException {@code Invalid channel create transaction : <why>}, as Fabric
     */
    static Envelope sanityCheckAndSign(Envelope configUpdate, String channelId, SigningIdentity signer) {
        Payload payload;
        try {
            payload = Payload.parseFrom(configUpdate.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw invalid("bad payload");
        }
        if (!payload.hasHeader() || payload.getHeader().getChannelHeader().isEmpty()) {
            throw invalid("bad header");
        }
        ChannelHeader ch;
        try {
            ch = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            throw invalid("could not unmarshall channel header");
        }
        if (ch.getType() != HeaderType.CONFIG_UPDATE_VALUE) {
            throw invalid("bad type");
        }
        if (ch.getChannelId().isEmpty()) {
            throw invalid("empty channel id");
        }
        String channel = channelId.isEmpty() ? ch.getChannelId() : channelId;
        if (!ch.getChannelId().equals(channel)) {
            throw invalid("mismatched channel ID " + ch.getChannelId() + " != " + channel);
        }
        ConfigUpdateEnvelope update;
        try {
            update = ConfigUpdateEnvelope.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            throw invalid("Bad config update env");
        }
        ByteString signatureHeader = SignatureHeader.newBuilder().setCreator(signer.serialize())
                .setNonce(Envelopes.nonce()).build().toByteString();
        ConfigSignature signature = ConfigSignature.newBuilder().setSignatureHeader(signatureHeader)
                .setSignature(ByteString.copyFrom(signer.sign(signatureHeader.concat(update.getConfigUpdate())
                        .toByteArray()))).build();
        return Envelopes.signed(HeaderType.CONFIG_UPDATE_VALUE, channel, signer,
                update.toBuilder().addSignatures(signature).build());
    }

    /** The envelope in {@code file} (relative to the working directory), read as Fabric's channel verbs read it. */
    static Envelope read(java.nio.file.Path workingDirectory, String file) {
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(workingDirectory.resolve(file));
        } catch (java.io.IOException e) {
            throw new CliException("channel create configuration tx file not found open " + file
                    + ": no such file or directory", e);
        }
        try {
            return Envelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new CliException("error unmarshalling Envelope: " + e.getMessage(), e);
        }
    }

    private static CliException invalid(String why) {
        return new CliException("Invalid channel create transaction : " + why);
    }
}
