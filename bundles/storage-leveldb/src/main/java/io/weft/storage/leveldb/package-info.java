/** The {@code leveldb} storage backend: the real LevelDB through leveldbjni. */
package io.weft.storage.leveldb;
