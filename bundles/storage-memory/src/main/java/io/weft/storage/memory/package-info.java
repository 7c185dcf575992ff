/** The {@code memory} storage backend: a sorted in-memory store with real snapshots, for development and tests. */
package io.weft.storage.memory;
