package io.weft.runtime.cli.chaincode;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.common.Envelope;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.lifecycle.legacy.LegacyPackageException;
import io.weft.lifecycle.legacy.SignedPackages;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.ClientEnvironment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peer chaincode signpackage <inputpackage> <outputpackage>}: adds the local MSP's owner endorsement. */
@Command(name = "signpackage", description = "Add the local MSP's signature to a chaincode package.")
public final class ChaincodeSignPackageCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<inputpackage>", description = "Package to sign")
    private String inputPackage;

    @Parameters(index = "1", paramLabel = "<outputpackage>", description = "File to write the signed package to")
    private String outputPackage;

    public ChaincodeSignPackageCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ClientEnvironment env = ClientEnvironment.load(context, Map.of(),
                spec.root().findOption("--logging-level").getValue());
        Envelope pkg;
        try {
            pkg = Envelope.parseFrom(Files.readAllBytes(context.workingDirectory().resolve(inputPackage)));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException("open " + inputPackage + ": no such file or directory", e);
        } catch (InvalidProtocolBufferException e) {
            throw new CliException("error unmarshalling Envelope: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException("read " + inputPackage + ": " + e.getMessage(), e);
        }
        Envelope signed;
        try {
            signed = SignedPackages.sign(pkg, env.signer());
        } catch (LegacyPackageException e) {
            throw new CliException(e.getMessage(), e);
        }
        ChaincodePackageCommand.write(context.workingDirectory().resolve(outputPackage), outputPackage,
                signed.toByteString(), "");
        context.out().println("Wrote signed package to " + outputPackage + " successfully");
        return 0;
    }
}
