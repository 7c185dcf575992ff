/**
 * Fabric's state database (stateleveldb with the privacy-enabled view): versioned values and metadata per
 * namespace and key, hashed and private collection namespaces, per-block update batches and the savepoint.
 */
package io.weft.ledger.state;
