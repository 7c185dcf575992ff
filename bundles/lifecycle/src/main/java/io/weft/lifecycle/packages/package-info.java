/**
 * Fabric 2.x chaincode install packages ({@code peer lifecycle chaincode package} output): parsing them as the
 * peer does ({@link io.weft.lifecycle.packages.ChaincodePackage}), building them from source
 * ({@link io.weft.lifecycle.packages.ChaincodePackageWriter}) and the peer's on-disk store of installed packages
 * ({@link io.weft.lifecycle.packages.ChaincodePackageStore}). Errors carry Fabric's messages.
 */
@Export
@Version("0.1.0")
package io.weft.lifecycle.packages;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
