/** Fabric's byte encodings of ledger keys and values: varints, order-preserving varints, length prefixes. */
@Export
@Version("0.1.0")
package io.weft.ledger.encoding;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
