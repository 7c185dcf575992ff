package io.weft.runtime.cli.chaincode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import io.grpc.StatusRuntimeException;

import io.weft.lifecycle.legacy.LegacyPackage;
import io.weft.lifecycle.legacy.LegacyPackageException;
import io.weft.protoutil.Proposals;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.client.RpcErrors;
import io.weft.runtime.cli.options.ChaincodeLangOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.ChaincodePathOption;
import io.weft.runtime.cli.options.ChaincodeVersionOption;
import io.weft.runtime.cli.options.CtorOption;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code peer chaincode install [package]}: sends lscc's {@code install} with a package file (raw or signed
 * deployment spec), or with a deployment spec packaged from {@code -l}, {@code -p}, {@code -n}, {@code -v}, to the
 * first peer.
 */
@Command(name = "install", description = "Install a chaincode on a peer.")
public final class ChaincodeInstallCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ChaincodeLangOption lang;

    @Mixin
    private CtorOption ctor;

    @Mixin
    private ChaincodePathOption path;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private ChaincodeVersionOption version;

    @Mixin
    private PeerTargetOptions peers;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<package>", description = "Chaincode deployment spec package to install")
    private String packageFile;

    public ChaincodeInstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ByteString pkg = packageMessage();
        try (EndorserClient endorser = EndorserClient.forTarget(context, peers, spec)) {
            Proposal proposal = Proposals.create(HeaderType.ENDORSER_TRANSACTION_VALUE, "",
                    Proposals.invocation("lscc", ByteString.copyFromUtf8("install"), pkg), endorser.creator());
            ProposalResponse response;
            try {
                response = endorser.send(proposal);
            } catch (StatusRuntimeException e) {
                throw new CliException("error endorsing chaincode install: " + RpcErrors.describe(e), e);
            }
            if (response.getResponse().getStatus() != 200) {
                throw new CliException("install failed with status: " + response.getResponse().getStatus() + " - "
                        + response.getResponse().getMessage());
            }
            LoggerFactory.getLogger("chaincodeCmd").info("Installed remotely: response:<{} > ",
                    ChaincodeCalls.goText(response.getResponse()));
        }
        return 0;
    }

    /** The package file as it is, checked against {@code -n}/{@code -v}; or a deployment spec of the source. */
    private ByteString packageMessage() {
        if (packageFile == null || packageFile.isEmpty()) {
            if (path.path().isEmpty() || version.version().isEmpty() || name.name().isEmpty()) {
                throw new CliException("must supply value for chaincode name, path and version parameters");
            }
            ChaincodeDeploymentSpec cds = LegacySpecs.withCode(LegacySpecs.spec("install", lang.lang(), path.path(),
                    name.name(), version.version(), ctor.ctor(), true), context.workingDirectory(),
                    "error getting chaincode deployment spec for " + name.name());
            return cds.toByteString();
        }
        ByteString bytes;
        try {
            bytes = ByteString.copyFrom(Files.readAllBytes(context.workingDirectory().resolve(packageFile)));
        } catch (NoSuchFileException e) {
            throw new CliException("open " + packageFile + ": no such file or directory", e);
        } catch (IOException e) {
            throw new CliException("read " + packageFile + ": " + e.getMessage(), e);
        }
        LegacyPackage pack;
        try {
            pack = LegacyPackage.parse(bytes);
        } catch (LegacyPackageException e) {
            throw new CliException(e.getMessage(), e);
        }
        if (!name.name().isEmpty() && !name.name().equals(pack.name())) {
            throw new CliException("chaincode name " + name.name() + " does not match name " + pack.name()
                    + " in package");
        }
        if (!version.version().isEmpty() && !version.version().equals(pack.version())) {
            throw new CliException("chaincode version " + version.version() + " does not match version "
                    + pack.version() + " in packages");
        }
        return bytes;
    }
}
