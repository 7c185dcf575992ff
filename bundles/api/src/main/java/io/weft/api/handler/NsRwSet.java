package io.weft.api.handler;

import java.util.List;
import java.util.Objects;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;

/**
 * The reads and writes of one namespace in a transaction (Fabric's {@code rwsetutil.NsRwSet}).
 *
 * @param namespace the namespace
 * @param kvRwSet its public reads, range queries, writes and metadata writes
 * @param collections its private collections, hashed
 */
public record NsRwSet(String namespace, KVRWSet kvRwSet, List<Collection> collections) {

    public NsRwSet {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kvRwSet, "kvRwSet");
        collections = List.copyOf(collections);
    }

    /** One collection's hashed reads and writes. */
    public record Collection(String name, HashedRWSet hashedRwSet) {
        public Collection {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(hashedRwSet, "hashedRwSet");
        }
    }

    /** Whether the namespace writes anything: values or metadata, public or private (Fabric's {@code txWritesToNamespace}). */
    public boolean writes() {
        if (kvRwSet.getWritesCount() > 0 || kvRwSet.getMetadataWritesCount() > 0) {
            return true;
        }
        for (Collection c : collections) {
            if (c.hashedRwSet.getHashedWritesCount() > 0 || c.hashedRwSet.getMetadataWritesCount() > 0) {
                return true;
            }
        }
        return false;
    }
}
