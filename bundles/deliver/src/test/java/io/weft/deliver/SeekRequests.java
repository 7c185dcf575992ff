package io.weft.deliver;

import java.util.function.UnaryOperator;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;

import com.google.protobuf.ByteString;

import io.weft.api.identity.SigningIdentity;
import io.weft.protoutil.DeliverSeeks;
import io.weft.protoutil.Envelopes;

/** Signed DELIVER_SEEK_INFO envelopes, as the peer CLI and the SDKs send them. */
public final class SeekRequests {

    private SeekRequests() {
    }

    public static SeekPosition oldest() {
        return DeliverSeeks.oldest();
    }

    public static SeekPosition newest() {
        return DeliverSeeks.newest();
    }

    public static SeekPosition specified(long number) {
        return DeliverSeeks.specified(number);
    }

    /** From {@code start} to {@code stop}, waiting for blocks not yet committed. */
    public static SeekInfo seek(SeekPosition start, SeekPosition stop) {
        return SeekInfo.newBuilder().setStart(start).setStop(stop).build();
    }

    /** {@code seek} on {@code channel}, signed by {@code signer}. */
    public static Envelope request(SigningIdentity signer, String channel, SeekInfo seek) {
        return request(signer, channel, seek, UnaryOperator.identity());
    }

    /** As above, with the channel header edited before signing. */
    public static Envelope request(SigningIdentity signer, String channel, SeekInfo seek,
            UnaryOperator<ChannelHeader.Builder> editHeader) {
        ChannelHeader.Builder chdr = ChannelHeader.newBuilder().setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                .setChannelId(channel).setTimestamp(Envelopes.now());
        SignatureHeader shdr = SignatureHeader.newBuilder().setCreator(signer.serialize()).setNonce(Envelopes.nonce())
                .build();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(editHeader.apply(chdr).build().toByteString())
                        .setSignatureHeader(shdr.toByteString()))
                .setData(seek.toByteString()).build().toByteString();
        return Envelope.newBuilder().setPayload(payload)
                .setSignature(ByteString.copyFrom(signer.sign(payload.toByteArray()))).build();
    }
}
