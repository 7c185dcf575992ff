package io.weft.lifecycle.packages;

/** No package with the asked-for ID is installed (Fabric's {@code CodePackageNotFoundErr}). */
public class ChaincodePackageNotFoundException extends ChaincodePackageException {

    private static final long serialVersionUID = 1L;

    public ChaincodePackageNotFoundException(String packageId) {
        super("chaincode install package '" + packageId + "' not found");
    }
}
