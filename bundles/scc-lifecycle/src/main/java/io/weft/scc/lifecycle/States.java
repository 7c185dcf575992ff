package io.weft.scc.lifecycle;

import java.util.SortedMap;

import com.google.protobuf.ByteString;

import io.weft.api.scc.SccState;

/** Fabric's lifecycle state views: the public {@code _lifecycle} namespace and an organization's implicit collection. */
final class States {

    private States() {
    }

    /** Fabric's {@code ReadableState}. */
    interface Readable {
        /** The value, or {@code null} when absent. */
        ByteString get(String key);
    }

    /** Fabric's {@code ReadWritableState}. */
    interface ReadWritable extends Readable {
        void put(String key, ByteString value);

        void delete(String key);
    }

    /** Fabric's {@code RangeableState}: every key starting with {@code prefix}. */
    interface Rangeable {
        SortedMap<String, ByteString> range(String prefix);
    }

    /** Fabric's {@code OpaqueState}: another organization's collection, seen only through value hashes. */
    interface Opaque {
        /** The value's SHA-256, or {@code null} when absent. */
        ByteString hash(String key);

        String collection();
    }

    /** The public state of {@code _lifecycle}. */
    static final class Public implements ReadWritable, Rangeable {
        private final SccState state;

        Public(SccState state) {
            this.state = state;
        }

        @Override
        public ByteString get(String key) {
            return state.getState(key);
        }

        @Override
        public void put(String key, ByteString value) {
            state.putState(key, value);
        }

        @Override
        public void delete(String key) {
            state.delState(key);
        }

        @Override
        public SortedMap<String, ByteString> range(String prefix) {
            return state.getStateByRange(prefix, prefix + "\u007f");
        }
    }

    /** One implicit collection of {@code _lifecycle}: read and written by its own org, hashed for the others. */
    static final class Collection implements ReadWritable, Rangeable, Opaque {
        private final SccState state;
        private final String collection;

        Collection(SccState state, String collection) {
            this.state = state;
            this.collection = collection;
        }

        @Override
        public ByteString get(String key) {
            return state.getPrivateData(collection, key);
        }

        @Override
        public void put(String key, ByteString value) {
            state.putPrivateData(collection, key, value);
        }

        @Override
        public void delete(String key) {
            state.delPrivateData(collection, key);
        }

        @Override
        public SortedMap<String, ByteString> range(String prefix) {
            return state.getPrivateDataByRange(collection, prefix, prefix + "\u007f");
        }

        @Override
        public ByteString hash(String key) {
            return state.getPrivateDataHash(collection, key);
        }

        @Override
        public String collection() {
            return collection;
        }
    }
}
