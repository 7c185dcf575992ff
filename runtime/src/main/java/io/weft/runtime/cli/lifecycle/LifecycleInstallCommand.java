package io.weft.runtime.cli.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.options.TargetPeerOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code peer lifecycle chaincode install <package>}: _lifecycle InstallChaincode. */
@Command(name = "install", description = "Install a chaincode package on a peer.")
public final class LifecycleInstallCommand extends LifecyclePeerCommand {

    @Mixin
    private TargetPeerOption targetPeer;

    @Parameters(paramLabel = "<package>", description = "The chaincode package (tar.gz)", arity = "0..*")
    private List<String> args = List.of();

    public LifecycleInstallCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new CliException("chaincode install package must be provided");
        }
    }

    @Override
    void call(EndorserClient endorser) {
        String file = args.get(0);
        byte[] pkg;
        try {
            pkg = Files.readAllBytes(context().workingDirectory().resolve(file));
        } catch (IOException e) {
            throw new CliException("failed to read chaincode package at '" + file + "': open " + file
                    + ": no such file or directory", e);
        }
        ProposalResponse r = send(endorser, "", "InstallChaincode",
                InstallChaincodeArgs.newBuilder().setChaincodeInstallPackage(ByteString.copyFrom(pkg)).build(),
                "chaincode install failed");
        InstallChaincodeResult result = payload(r, InstallChaincodeResult.parser());
        var log = LoggerFactory.getLogger("cli.lifecycle.chaincode");
        log.info("Installed remotely: response:<status:200 payload:\"...\" >");
        log.info("Chaincode code package identifier: {}", result.getPackageId());
    }
}
