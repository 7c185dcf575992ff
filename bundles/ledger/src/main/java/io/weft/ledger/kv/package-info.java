/** Fabric's way of sharing one key-value store among channels: named databases by key prefix. */
package io.weft.ledger.kv;
