/** Fabric's history database: which valid transactions wrote each key, for newest-first history queries. */
@Export
@Version("0.1.0")
package io.weft.ledger.history;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
