package io.weft.runtime.cli.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.common.Envelope;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.ClientEnvironment;
import io.weft.runtime.cli.options.ConfigTxFileOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code peer channel signconfigtx -f <file>}: adds the local MSP's signature to the config update in the file and
 * writes it back, as an organization's admin does before the update is submitted. Needs no peer.
 */
@Command(name = "signconfigtx", description = "Add the local MSP's signature to a config update file, in place.")
public final class ChannelSignConfigTxCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigTxFileOption file;

    public ChannelSignConfigTxCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (file.file().isEmpty()) {
            throw new CliException("Invalid channel create transaction : No configtx file name supplied");
        }
        ClientEnvironment env = ClientEnvironment.load(context, Map.of(),
                spec.root().findOption("--logging-level").getValue());
        Path path = context.workingDirectory().resolve(file.file());
        Envelope update = ConfigUpdateSigning.read(context.workingDirectory(), file.file());
        Envelope signed = ConfigUpdateSigning.sanityCheckAndSign(update, "", env.signer());
        try {
            Files.write(path, signed.toByteArray());
        } catch (IOException e) {
            throw new CliException("open " + file.file() + ": " + e.getMessage(), e);
        }
        return 0;
    }
}
