package io.weft.api.chaincode;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import com.google.protobuf.ByteString;

/**
 * The peer's chaincode package store (Fabric's {@code <peer.fileSystemPath>/lifecycle/chaincodes}) with its builds:
 * what {@code _lifecycle}'s install functions serve. Provided by the core; thread-safe.
 */
@ProviderType
public interface ChaincodePackages {

    /**
     * Parses, stores and builds a package (Fabric's {@code InstallChaincode}); a package that fails to build is
     * removed again.
     *
     * @throws PackageException with Fabric's message: {@code could not parse as a chaincode install package: …},
     *         {@code chaincode already successfully installed (package ID '…')}, {@code could not build chaincode: …}
     */
    InstalledPackage install(ByteString chaincodeInstallPackage) throws PackageException;

    /**
     * The installed package with this ID.
     *
     * @throws PackageException {@code could not find chaincode with package id '…'}
     */
    InstalledPackage installed(String packageId) throws PackageException;

    /** Every installed package, by package ID. */
    List<InstalledPackage> installed() throws PackageException;

    /**
     * The package's bytes as installed.
     *
     * @throws PackageNotFoundException it is not installed
     */
    ByteString load(String packageId) throws PackageException;
}
