/**
 * Fabric's state database (stateleveldb with the privacy-enabled view): versioned values and metadata per
 * namespace and key, hashed and private collection namespaces, per-block update batches and the savepoint.
 */
@Export
@Version("0.1.0")
package io.weft.ledger.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
