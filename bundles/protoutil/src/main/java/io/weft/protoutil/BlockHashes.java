package io.weft.protoutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

import com.google.protobuf.ByteString;

/**
 * Block hashes as Fabric computes them: the header hash over the ASN.1 DER of
 * {@code SEQUENCE{INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash}} (what the next
 * block's {@code previous_hash} holds), and the data hash over the concatenated envelopes.
 */
public final class BlockHashes {

    private BlockHashes() {
    }

    /** The DER bytes the header hash covers (also what orderers sign in block metadata). */
    public static byte[] headerBytes(BlockHeader header) {
        ASN1EncodableVector v = new ASN1EncodableVector(3);
        v.add(new ASN1Integer(new BigInteger(Long.toUnsignedString(header.getNumber()))));
        v.add(new DEROctetString(header.getPreviousHash().toByteArray()));
        v.add(new DEROctetString(header.getDataHash().toByteArray()));
        try {
            return new DERSequence(v).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding of a block header cannot fail", e);
        }
    }

    public static byte[] headerHash(BlockHeader header) {
        return Hashing.sha256().digest(headerBytes(header));
    }

    /** SHA-256 of every {@code data} entry concatenated. */
    public static byte[] dataHash(BlockData data) {
        return Hashing.sha256(data.getDataList().toArray(ByteString[]::new));
    }
}
