package io.weft.api.scc;

import java.util.SortedMap;

import org.osgi.annotation.versioning.ProviderType;

import com.google.protobuf.ByteString;

/**
 * The proposal's simulation as a system chaincode sees it: the part of Fabric's chaincode stub that system chaincodes
 * use, bound to the system chaincode's own namespace. Reads see committed state (never this proposal's own writes,
 * as in Fabric); every read and write lands in the proposal's read-write set. Private reads and writes are not
 * checked against collection membership: a system chaincode decides itself which collections it may touch.
 */
@ProviderType
public interface SccState {

    /** The committed value, or {@code null} when the key does not exist. */
    ByteString getState(String key);

    void putState(String key, ByteString value);

    void delState(String key);

    /**
     * The keys in {@code [startKey, endKey)} ({@code ""} end: to the namespace's end) with their values, in key order.
     * Reads the whole range into memory: meant for the small ranges of system chaincode bookkeeping.
     */
    SortedMap<String, ByteString> getStateByRange(String startKey, String endKey);

    /** The committed private value, or {@code null} when the key does not exist or this peer lacks the data. */
    ByteString getPrivateData(String collection, String key);

    /** The SHA-256 of the committed private value (known to every peer), or {@code null} when the key does not exist. */
    ByteString getPrivateDataHash(String collection, String key);

    void putPrivateData(String collection, String key, ByteString value);

    void delPrivateData(String collection, String key);

    /** As {@link #getStateByRange}, over a private collection this peer holds. */
    SortedMap<String, ByteString> getPrivateDataByRange(String collection, String startKey, String endKey);
}
