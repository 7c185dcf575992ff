/**
 * Fabric's legacy chaincode packages (raw and signed {@code ChaincodeDeploymentSpec}s, {@code peer chaincode
 * package} output), their fingerprints, the peer's legacy install directory, and {@code lscc}'s {@code ChaincodeData}
 * as Go marshals it. Errors carry Fabric's messages.
 */
@Export
@Version("0.1.0")
package io.weft.lifecycle.legacy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
