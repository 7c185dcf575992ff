package io.weft.api.chaincode;

/** Fabric's {@code CodePackageNotFoundErr}: {@code chaincode install package '<id>' not found}. */
public final class PackageNotFoundException extends PackageException {

    private static final long serialVersionUID = 1L;

    public PackageNotFoundException(String packageId) {
        super("chaincode install package '" + packageId + "' not found");
    }
}
