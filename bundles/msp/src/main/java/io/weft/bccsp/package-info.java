/**
 * Fabric's software crypto service provider (BCCSP "SW"): ECDSA keys and signatures as Fabric makes
 * and checks them (low-S, DER), hashing, key import and the file key store.
 */
@Export
@Version("0.2.0")
package io.weft.bccsp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
