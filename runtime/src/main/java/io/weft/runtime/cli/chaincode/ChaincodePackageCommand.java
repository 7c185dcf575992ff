package io.weft.runtime.cli.chaincode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;

import com.google.protobuf.ByteString;

import io.weft.lifecycle.legacy.SignedPackages;
import io.weft.policies.PolicyDsl;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.ClientEnvironment;
import io.weft.runtime.cli.options.ChaincodeLangOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.ChaincodePathOption;
import io.weft.runtime.cli.options.ChaincodeVersionOption;
import io.weft.runtime.cli.options.CtorOption;
import io.weft.runtime.cli.options.GoBoolConverter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code peer chaincode package <outputfile>}: a deployment spec of the source, or with {@code -s} a signed package
 * (instantiation policy {@code -i}, by default the local MSP's admins; {@code -S}: endorsed by the local MSP).
 */
@Command(name = "package", description = "Package a chaincode into a deployment spec file.")
public final class ChaincodePackageCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

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

    public ChaincodePackageCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ClientEnvironment env = signedPackage ? ClientEnvironment.load(context, Map.of(),
                spec.root().findOption("--logging-level").getValue()) : null;
        ChaincodeDeploymentSpec cds = LegacySpecs.withCode(LegacySpecs.spec("package", lang.lang(), path.path(),
                name.name(), version.version(), ctor.ctor(), true), context.workingDirectory(),
                "error getting chaincode code " + name.name());
        ByteString bytes = cds.toByteString();
        if (signedPackage) {
            String policy = instantiatePolicy.isEmpty() ? "AND('" + env.signer().mspId() + ".admin')"
                    : instantiatePolicy;
            ByteString ip;
            try {
                ip = PolicyDsl.parse(policy).toByteString();
            } catch (RuntimeException e) {
                throw new CliException("invalid policy " + policy, e);
            }
            bytes = SignedPackages.create(bytes, ip, sign ? env.signer() : null).toByteString();
        }
        write(context.workingDirectory().resolve(outputFile), outputFile, bytes, "error writing deployment spec to "
                + outputFile + ": ");
        return 0;
    }

    /** Go's {@code WriteFile} with mode 0700, and its error text after {@code failure}. */
    static void write(Path file, String name, ByteString bytes, String failure) {
        try {
            Files.write(file, bytes.toByteArray());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new CliException(failure + "open " + name + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file or directory" : e.getMessage()), e);
        }
    }
}
