package io.weft.lifecycle.packages;

/** The package is installed already; installing it again changes nothing and fails, as in Fabric. */
public class ChaincodeAlreadyInstalledException extends ChaincodePackageException {

    private static final long serialVersionUID = 1L;

    public ChaincodeAlreadyInstalledException(String packageId) {
        super("chaincode already successfully installed (package ID '" + packageId + "')");
    }
}
