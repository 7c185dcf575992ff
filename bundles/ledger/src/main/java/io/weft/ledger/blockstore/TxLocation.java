package io.weft.ledger.blockstore;

/**
 * Where one transaction envelope sits inside a serialized block: {@code offset} and {@code length}
 * cover its {@code varint(length) ‖ envelope} bytes, as Fabric's block index records them.
 *
 * @param txId the envelope's transaction id, empty when the envelope is malformed
 */
public record TxLocation(String txId, int offset, int length) {
}
