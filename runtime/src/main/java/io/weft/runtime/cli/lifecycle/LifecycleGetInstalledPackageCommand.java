package io.weft.runtime.cli.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageResult;
import org.slf4j.LoggerFactory;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.options.PackageIdOption;
import io.weft.runtime.cli.options.TargetPeerOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code peer lifecycle chaincode getinstalledpackage}: writes {@code <package-id>.tar.gz}. */
@Command(name = "getinstalledpackage", description = "Get an installed chaincode package from a peer.")
public final class LifecycleGetInstalledPackageCommand extends LifecyclePeerCommand {

    @Mixin
    private TargetPeerOption targetPeer;

    @Mixin
    private PackageIdOption packageId;

    @Option(names = "--output-directory", paramLabel = "<dir>", description = "Directory to write the package to (the working directory when not given)")
    private String outputDirectory = "";

    public LifecycleGetInstalledPackageCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        if (packageId.packageId().isEmpty()) {
            throw new CliException("The required parameter 'package-id' is empty. Rerun the command with --package-id flag");
        }
    }

    @Override
    void call(EndorserClient endorser) {
        GetInstalledChaincodePackageResult result = payload(send(endorser, "", "GetInstalledChaincodePackage",
                GetInstalledChaincodePackageArgs.newBuilder().setPackageId(packageId.packageId()).build(),
                "proposal failed"), GetInstalledChaincodePackageResult.parser());
        Path dir = context().workingDirectory().resolve(outputDirectory);
        Path file = dir.resolve(packageId.packageId() + ".tar.gz");
        try {
            Files.write(file, result.getChaincodeInstallPackage().toByteArray());
        } catch (IOException e) {
            throw new CliException("failed to write chaincode package to " + file + ": " + e.getMessage(), e);
        }
        LoggerFactory.getLogger("cli.lifecycle.chaincode").info("Wrote chaincode package to {}", file);
    }
}
