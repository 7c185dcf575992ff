package io.weft.ledger.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;

import io.weft.ledger.LedgerException;

/** Key metadata as the state database stores it: a serialized {@code KVMetadataWrite} with entries only. */
public final class StateMetadata {

    private StateMetadata() {
    }

    public static ByteString serialize(List<KVMetadataEntry> entries) {
        return KVMetadataWrite.newBuilder().addAllEntries(entries).build().toByteString();
    }

    /** Entry name → value; null when there is no metadata. */
    public static Map<String, ByteString> deserialize(ByteString stored) {
        if (stored == null) {
            return null;
        }
        try {
            List<KVMetadataEntry> entries = KVMetadataWrite.parseFrom(stored).getEntriesList();
            Map<String, ByteString> m = new LinkedHashMap<>();
            for (KVMetadataEntry e : entries) {
                m.put(e.getName(), e.getValue());
            }
            return m;
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("error unmarshalling KVMetadataWrite: " + e.getMessage(), e);
        }
    }
}
