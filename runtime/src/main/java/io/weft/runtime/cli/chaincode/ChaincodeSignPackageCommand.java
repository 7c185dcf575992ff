package io.weft.runtime.cli.chaincode;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code peer chaincode signpackage <inputpackage> <outputpackage>}. */
@Command(name = "signpackage", description = "Add the local MSP's signature to a chaincode package.")
public final class ChaincodeSignPackageCommand extends PendingCommand {

    @Parameters(index = "0", paramLabel = "<inputpackage>", description = "Package to sign")
    private String inputPackage;

    @Parameters(index = "1", paramLabel = "<outputpackage>", description = "File to write the signed package to")
    private String outputPackage;
}
