package io.weft.protoutil;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekOldest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;

import com.google.protobuf.ByteString;

import io.weft.api.identity.SigningIdentity;

/** Deliver requests as Fabric's clients make them: seek positions and the signed {@code DELIVER_SEEK_INFO} envelope. */
public final class DeliverSeeks {

    private DeliverSeeks() {
    }

    public static SeekPosition oldest() {
        return SeekPosition.newBuilder().setOldest(SeekOldest.getDefaultInstance()).build();
    }

    public static SeekPosition newest() {
        return SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()).build();
    }

    public static SeekPosition specified(long number) {
        return SeekPosition.newBuilder().setSpecified(SeekSpecified.newBuilder().setNumber(number)).build();
    }

    /**
     * Every block from {@code start} on, waiting for those not cut yet (stop at Go's {@code math.MaxUint64}): the
     * stream of a delivery client or of a client awaiting its transactions' commit.
     *
     * @param tlsCertHash SHA-256 of the client's TLS certificate under mutual TLS; empty otherwise
     */
    public static Envelope onward(String channelId, SigningIdentity signer, SeekPosition start, ByteString tlsCertHash) {
        return request(channelId, signer, SeekInfo.newBuilder().setStart(start).setStop(specified(-1L))
                .setBehavior(SeekInfo.SeekBehavior.BLOCK_UNTIL_READY).build(), tlsCertHash);
    }

    /** The signed envelope of {@code seek}. */
    public static Envelope request(String channelId, SigningIdentity signer, SeekInfo seek, ByteString tlsCertHash) {
        return Envelopes.signed(HeaderType.DELIVER_SEEK_INFO_VALUE, channelId, signer, seek, tlsCertHash);
    }
}
