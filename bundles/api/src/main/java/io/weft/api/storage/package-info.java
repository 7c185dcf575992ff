/**
 * The storage SPI: an ordered key-value store (LevelDB's model) that the ledger keeps its state, history and
 * indexes in, and the provider that opens one. Backends are bundles that register a {@link StorageProvider} with
 * {@value StorageProvider#NAME_PROPERTY} ({@code leveldb}, {@code memory}); core.yaml's Fabric name selects one
 * through {@link StorageProvider#backendFor(String)}.
 *
 * <p>Keys are ordered as unsigned bytes, lexicographically (LevelDB's default comparator). Reads see whole write
 * batches or none of them. All types are thread-safe except {@link WriteBatch} and {@link RangeIterator}, which
 * belong to one thread at a time.
 */
@Export
@Version("0.1.0")
package io.weft.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
