package io.weft.ledger.state;

import java.io.IOException;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;

import io.weft.ledger.LedgerException;

/**
 * Fabric's {@code stateleveldb.DBValue} (private to its ledger, so not in fabric-protos): proto3
 * {@code {bytes version = 1; bytes value = 2; bytes metadata = 3}}, empty fields omitted.
 */
final class DbValueCodec {

    private static final int VERSION = 1;
    private static final int VALUE = 2;
    private static final int METADATA = 3;

    private DbValueCodec() {
    }

    static byte[] encode(VersionedValue vv) {
        byte[] version = vv.version().toBytes();
        ByteString value = vv.value();
        ByteString metadata = vv.metadata() == null ? ByteString.EMPTY : vv.metadata();
        int size = CodedOutputStream.computeByteArraySize(VERSION, version);
        if (!value.isEmpty()) {
            size += CodedOutputStream.computeBytesSize(VALUE, value);
        }
        if (!metadata.isEmpty()) {
            size += CodedOutputStream.computeBytesSize(METADATA, metadata);
        }
        byte[] out = new byte[size];
        CodedOutputStream cos = CodedOutputStream.newInstance(out);
        try {
            cos.writeByteArray(VERSION, version);
            if (!value.isEmpty()) {
                cos.writeBytes(VALUE, value);
            }
            if (!metadata.isEmpty()) {
                cos.writeBytes(METADATA, metadata);
            }
            cos.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException(e); // sized exactly above
        }
        return out;
    }

    /** Decodes a stored value; its byte strings share {@code stored}, which must not change afterwards. */
    static VersionedValue decode(byte[] stored) {
        CodedInputStream in = CodedInputStream.newInstance(stored);
        in.enableAliasing(true);
        byte[] version = null;
        ByteString value = ByteString.EMPTY;
        ByteString metadata = null;
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                boolean bytes = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
                switch (bytes ? WireFormat.getTagFieldNumber(tag) : 0) {
                    case VERSION -> version = in.readByteArray();
                    case VALUE -> value = in.readBytes();
                    case METADATA -> metadata = in.readBytes();
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new LedgerException("error unmarshalling DBValue: " + e.getMessage(), e);
        }
        return new VersionedValue(value, metadata, Version.fromBytes(version == null ? new byte[0] : version));
    }

    static ByteString wrap(byte[] bytes) {
        return UnsafeByteOperations.unsafeWrap(bytes);
    }
}
