package io.weft.scc.lifecycle;

import java.util.List;

import com.google.protobuf.ByteString;

/** The peer's installed chaincode packages, as {@code _lifecycle}'s install functions use them. Thread-safe. */
interface InstalledPackages {

    /** A package as installed: Fabric's {@code label:sha256} package ID and its label. */
    record Installed(String packageId, String label) {
    }

    /**
     * Parses, stores and builds the package (Fabric's {@code InstallChaincode}).
     *
     * @throws LifecycleException with Fabric's message: unparsable package, already installed, failed build
     */
    Installed install(ByteString chaincodeInstallPackage) throws LifecycleException;

    /** @throws LifecycleException {@code could not find chaincode with package id '…'} */
    Installed installed(String packageId) throws LifecycleException;

    /** Every installed package, in package ID order. */
    List<Installed> all() throws LifecycleException;

    /** @throws NotFoundException the package is not installed (Fabric's {@code CodePackageNotFoundErr}) */
    ByteString load(String packageId) throws LifecycleException;
}
