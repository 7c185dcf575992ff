/**
 * Chaincode definitions as the ledger stores them: {@code _lifecycle}'s serialized structures and the legacy
 * {@code lscc} {@code ChaincodeData}, read by the committer for validation and written by the lifecycle system
 * chaincode.
 */
@Export
@Version("0.3.0")
package io.weft.lifecycle;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
