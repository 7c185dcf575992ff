package io.weft.core.committer;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.weft.protoutil.Protos;

/** Fabric's {@code validateCommonHeader}: parsable headers, an accepted type, epoch 0, nonce and creator set. */
final class CommonHeaders {

    record Parsed(ChannelHeader channelHeader, SignatureHeader signatureHeader) {
    }

    private CommonHeaders() {
    }

    static Parsed check(Header header) throws TxCheckFailure {
        ChannelHeader chdr;
        SignatureHeader shdr;
        try {
            chdr = Protos.parse(ChannelHeader.parser(), header.getChannelHeader());
            shdr = Protos.parse(SignatureHeader.parser(), header.getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new TxCheckFailure(e.getMessage());
        }
        int type = chdr.getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.CONFIG_UPDATE_VALUE
                && type != HeaderType.CONFIG_VALUE) {
            throw new TxCheckFailure("invalid header type " + headerTypeName(type));
        }
        if (chdr.getEpoch() != 0) {
            throw new TxCheckFailure("invalid Epoch in ChannelHeader. Expected 0, got ["
                    + Long.toUnsignedString(chdr.getEpoch()) + "]");
        }
        checkSignatureHeader(shdr);
        return new Parsed(chdr, shdr);
    }

    /** Fabric's {@code validateSignatureHeader}. */
    static void checkSignatureHeader(SignatureHeader shdr) throws TxCheckFailure {
        if (shdr.getNonce().isEmpty()) {
            throw new TxCheckFailure("invalid nonce specified in the header");
        }
        if (shdr.getCreator().isEmpty()) {
            throw new TxCheckFailure("invalid creator specified in the header");
        }
    }

    static SignatureHeader parseSignatureHeader(ByteString bytes) throws TxCheckFailure {
        try {
            return Protos.parse(SignatureHeader.parser(), bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new TxCheckFailure(e.getMessage());
        }
    }

    /** Go prints an unknown enum value as its number. */
    private static String headerTypeName(int type) {
        HeaderType t = HeaderType.forNumber(type);
        return t == null ? Integer.toString(type) : t.name();
    }
}
