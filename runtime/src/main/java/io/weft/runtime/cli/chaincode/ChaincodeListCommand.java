package io.weft.runtime.cli.chaincode;

import java.util.HexFormat;
import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeQueryResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.grpc.StatusRuntimeException;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.client.RpcErrors;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.GoBoolConverter;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peer chaincode list --installed | --instantiated -C <channel>}: the legacy chaincodes lscc knows, one line
 * each as Fabric prints a {@code ChaincodeInfo} (its non-empty fields, bytes in hex).
 */
@Command(name = "list", description = "List the chaincodes installed on a peer or instantiated on a channel.")
public final class ChaincodeListCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Option(names = "--installed", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "List the chaincodes installed on the peer")
    private boolean installed;

    @Option(names = "--instantiated", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "List the chaincodes instantiated on the -C channel")
    private boolean instantiated;

    @Mixin
    private PeerTargetOptions peers;

    public ChaincodeListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (instantiated && channel.channelId().isEmpty()) {
            throw new CliException("The required parameter 'channelID' is empty. Rerun the command with -C flag");
        }
        if (installed == instantiated) {
            throw new CliException("must explicitly specify \"--installed\" or \"--instantiated\"");
        }
        ProposalResponse r;
        try (EndorserClient endorser = EndorserClient.forTarget(context, peers, spec)) {
            r = installed
                    ? endorser.invoke(HeaderType.ENDORSER_TRANSACTION, "lscc",
                            ByteString.copyFromUtf8("getinstalledchaincodes"))
                    : endorser.invokeOn(channel.channelId(), HeaderType.ENDORSER_TRANSACTION, "lscc",
                            ByteString.copyFromUtf8("getchaincodes"));
        } catch (StatusRuntimeException e) {
            throw new CliException("error endorsing proposal: " + RpcErrors.describe(e), e);
        }
        if (!r.hasResponse()) {
            throw new CliException("proposal response had nil response");
        }
        if (r.getResponse().getStatus() != 200) {
            throw new CliException("bad response: " + r.getResponse().getStatus() + " - " + r.getResponse().getMessage());
        }
        ChaincodeQueryResponse list;
        try {
            list = ChaincodeQueryResponse.parseFrom(r.getResponse().getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new CliException(e.getMessage(), e);
        }
        StringBuilder out = new StringBuilder(installed ? "Get installed chaincodes on peer:\n"
                : "Get instantiated chaincodes on channel " + channel.channelId() + ":\n");
        list.getChaincodesList().forEach(cc -> out.append(line(cc)).append('\n'));
        context.out().print(out);
        return 0;
    }

    /** Fabric's {@code ccInfo.String()}: {@code Name: n, Version: v, ...}, empty fields left out. */
    static String line(ChaincodeInfo cc) {
        StringBuilder b = new StringBuilder();
        field(b, "Name", cc.getName());
        field(b, "Version", cc.getVersion());
        field(b, "Path", cc.getPath());
        field(b, "Input", cc.getInput());
        field(b, "Escc", cc.getEscc());
        field(b, "Vscc", cc.getVscc());
        field(b, "Id", HexFormat.of().formatHex(cc.getId().toByteArray()));
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        if (!value.isEmpty()) {
            b.append(b.length() == 0 ? "" : ", ").append(name).append(": ").append(value);
        }
    }
}
