package io.weft.lifecycle.legacy;

import java.io.IOException;
import java.util.Arrays;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

/**
 * lscc's {@code ChaincodeData} as Fabric's {@code ccprovider} struct holds it: the endorsement and instantiation
 * policies are opaque bytes there, stored and compared as given. The generated Java message types them as
 * {@code SignaturePolicyEnvelope}, which would re-encode them; this record keeps the bytes, so the write set lscc
 * produces is the one a Go peer produces for the same proposal.
 *
 * @param name field 1
 * @param version field 2
 * @param escc field 3, the endorsement plugin
 * @param vscc field 4, the validation plugin
 * @param policy field 5, the marshalled endorsement policy
 * @param data field 6, the package's marshalled fingerprint
 * @param id field 7, the package's ID
 * @param instantiationPolicy field 8, the marshalled instantiation policy
 */
public record LegacyChaincodeData(String name, String version, String escc, String vscc, ByteString policy,
        ByteString data, ByteString id, ByteString instantiationPolicy) {

    /** What {@code ccpack.GetChaincodeData()} gives: name, version, fingerprint and ID of an installed package. */
    public static LegacyChaincodeData of(LegacyPackage pack) {
        return new LegacyChaincodeData(pack.name(), pack.version(), "", "", ByteString.EMPTY, pack.data(), pack.id(),
                ByteString.EMPTY);
    }

    /** The chaincode's ID on this peer ({@code name:version}). */
    public String chaincodeId() {
        return name + ":" + version;
    }

    public LegacyChaincodeData withChannelData(String escc, String vscc, ByteString policy,
            ByteString instantiationPolicy) {
        return new LegacyChaincodeData(name, version, escc, vscc, policy, data, id, instantiationPolicy);
    }

    /** Go's marshalling: fields in number order, empty ones left out. */
    public ByteString toByteString() {
        ByteString.Output out = ByteString.newOutput();
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        try {
            ByteString[] fields = {ByteString.copyFromUtf8(name), ByteString.copyFromUtf8(version),
                ByteString.copyFromUtf8(escc), ByteString.copyFromUtf8(vscc), policy, data, id, instantiationPolicy};
            for (int i = 0; i < fields.length; i++) {
                if (!fields[i].isEmpty()) {
                    coded.writeBytes(i + 1, fields[i]);
                }
            }
            coded.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteString();
    }

    /**
     * Parses stored bytes as Go's unmarshalling does: unknown fields skipped, a repeated field's last value kept.
     *
     * @throws LegacyPackageException Go's {@code proto: cannot parse invalid wire-format data}
     */
    public static LegacyChaincodeData parse(ByteString bytes) throws LegacyPackageException {
        ByteString[] fields = new ByteString[8];
        Arrays.fill(fields, ByteString.EMPTY);
        CodedInputStream in = bytes.newCodedInput();
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (field >= 1 && field <= 8) {
                    if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        throw new IOException("wrong wire type for field " + field);
                    }
                    fields[field - 1] = in.readBytes();
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new LegacyPackageException(LegacyPackage.PROTO_PARSE_ERROR, e);
        }
        return new LegacyChaincodeData(fields[0].toStringUtf8(), fields[1].toStringUtf8(), fields[2].toStringUtf8(),
                fields[3].toStringUtf8(), fields[4], fields[5], fields[6], fields[7]);
    }
}
