package io.weft.runtime.cli.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.weft.lifecycle.packages.ChaincodePackage;
import io.weft.lifecycle.packages.ChaincodePackageException;
import io.weft.lifecycle.packages.ChaincodePackageWriter;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.options.ChaincodeLangOption;
import io.weft.runtime.cli.options.ChaincodePathOption;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code peer lifecycle chaincode package <outputfile>}: builds the install package from source, offline.
 * Fabric attaches the peer flags here too, although packaging talks to no peer; they are accepted and unused.
 * Besides Fabric's golang, java and node, {@code --lang ccaas|external} packages the folder's files as they are.
 */
@Command(name = "package", description = "Package a chaincode and write the package to a file.")
public final class LifecyclePackageCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--label", description = "The package label contains a human-readable description of the package")
    private String label = "";

    @Mixin
    private ChaincodeLangOption lang;

    @Mixin
    private ChaincodePathOption path;

    @Mixin
    private PeerTargetOptions peers;

    // Fabric counts the arguments itself, so a missing or extra one gets its message, not the parser's
    @Parameters(arity = "0..*", paramLabel = "<outputfile>", description = "File to write the package to")
    private List<String> args = new ArrayList<>();

    public LifecyclePackageCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (args.size() != 1) {
            throw new CliException("invalid number of args. expected only the output file");
        }
        String outputFile = args.get(0);
        if (path.path().isEmpty()) {
            throw new CliException("chaincode path must be specified");
        }
        if (lang.lang().isEmpty()) {
            throw new CliException("chaincode language must be specified");
        }
        if (outputFile.isEmpty()) {
            throw new CliException("output file must be specified");
        }
        if (label.isEmpty()) {
            throw new CliException("package label must be specified");
        }
        try {
            ChaincodePackage.validateLabel(label);
            byte[] pkg = ChaincodePackageWriter.build(context.workingDirectory().resolve(path.path()), path.path(),
                    lang.lang(), label);
            try {
                ChaincodePackageWriter.writeFile(context.workingDirectory().resolve(outputFile), pkg);
            } catch (ChaincodePackageException e) {
                throw new CliException("error writing chaincode package to " + outputFile + ": " + e.getMessage(), e);
            }
        } catch (ChaincodePackageException e) {
            throw new CliException(e.getMessage(), e);
        }
        return 0;
    }
}
