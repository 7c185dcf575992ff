/** The peer's installed chaincode packages, as system chaincodes and tools use them. */
@Export
@Version("0.1.0")
package io.weft.api.chaincode;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
