package io.weft.runtime.cli.chaincode;

import io.weft.runtime.cli.PendingCommand;
import io.weft.runtime.cli.options.ChaincodeLangOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.ChaincodePathOption;
import io.weft.runtime.cli.options.ChaincodeVersionOption;
import io.weft.runtime.cli.options.CtorOption;
import io.weft.runtime.cli.options.GoBoolConverter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code peer chaincode package <outputfile>}. */
@Command(name = "package", description = "Package a chaincode into a deployment spec file.")
public final class ChaincodePackageCommand extends PendingCommand {

    @Mixin
    private ChaincodeLangOption lang;

    @Mixin
    private ChaincodePathOption path;

    @Mixin
    private CtorOption ctor;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private ChaincodeVersionOption version;

    @Option(names = {"-s", "--cc-package"}, arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Write a signed deployment spec package that owners can endorse")
    private boolean signedPackage;

    @Option(names = {"-S", "--sign"}, arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "With -s, also sign the package with the local MSP")
    private boolean sign;

    @Option(names = {"-i", "--instantiate-policy"}, description = "Instantiation policy of the chaincode")
    private String instantiatePolicy = "";

    @Parameters(index = "0", paramLabel = "<outputfile>", description = "File to write the package to")
    private String outputFile;
}
