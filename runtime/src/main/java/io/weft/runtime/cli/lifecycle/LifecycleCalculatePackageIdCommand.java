package io.weft.runtime.cli.lifecycle;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.weft.lifecycle.packages.ChaincodePackage;
import io.weft.lifecycle.packages.ChaincodePackageException;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.options.OutputFormatOption;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code peer lifecycle chaincode calculatepackageid <packageFile>}: prints the package ID, offline; with
 * {@code --output json}, {@code {"package_id": ...}} indented as Fabric's. The peer flags are accepted but unused,
 * as in Fabric.
 */
@Command(name = "calculatepackageid", description = "Calculate the package ID for a packaged chaincode.")
public final class LifecycleCalculatePackageIdCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    private PeerTargetOptions peers;

    @Mixin
    private OutputFormatOption output;

    @Parameters(arity = "0..*", paramLabel = "<packageFile>", description = "The chaincode package")
    private List<String> args = new ArrayList<>();

    public LifecycleCalculatePackageIdCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (args.size() != 1) {
            throw new CliException("invalid number of args. expected only the packaged chaincode file");
        }
        String packageFile = args.get(0);
        if (packageFile.isEmpty()) {
            throw new CliException("chaincode install package must be provided");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(context.workingDirectory().resolve(packageFile));
        } catch (IOException e) {
            throw new CliException("failed to read chaincode package at '" + packageFile + "': open " + packageFile
                    + ": " + reason(e), e);
        }
        String packageId;
        try {
            packageId = ChaincodePackage.parse(bytes).packageId();
        } catch (ChaincodePackageException e) {
            throw new CliException("could not parse as a chaincode install package: " + e.getMessage(), e);
        }
        if (output.output().toLowerCase(Locale.ROOT).equals("json")) {
            // a valid label and a hex hash: nothing in the ID needs escaping in JSON
            context.out().print("{\n\t\"package_id\": \"" + packageId + "\"\n}\n");
        } else {
            context.out().print(packageId + "\n");
        }
        return 0;
    }

    /** Go's wording for why a file could not be read. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
