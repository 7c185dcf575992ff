/** Fabric's way of sharing one key-value store among channels: named databases by key prefix. */
@Export
@Version("0.1.0")
package io.weft.ledger.kv;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
