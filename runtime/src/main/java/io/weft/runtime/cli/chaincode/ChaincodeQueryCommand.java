package io.weft.runtime.cli.chaincode;

import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

import com.google.protobuf.ByteString;

import io.grpc.StatusRuntimeException;
import io.weft.protoutil.Proposals;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.client.RpcErrors;
import io.weft.runtime.cli.options.ChaincodeChannelIdOption;
import io.weft.runtime.cli.options.ChaincodeNameOption;
import io.weft.runtime.cli.options.CtorOption;
import io.weft.runtime.cli.options.GoBoolConverter;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code peer chaincode query}: one proposal to one peer, its response payload printed (as text, Go's byte list with
 * {@code --raw}, hex with {@code --hex}); nothing is ordered. A response without an endorsement (status 400 and up)
 * fails with Fabric's {@code endorsement failure during query. response: status:N message:"..."}.
 */
@Command(name = "query", description = "Query the specified chaincode and print its result.")
public final class ChaincodeQueryCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private ChaincodeCommand parent;

    @Mixin
    private CtorOption ctor;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Mixin
    private PeerTargetOptions peers;

    @Option(names = {"-r", "--raw"}, arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Print the result as raw bytes")
    private boolean raw;

    @Option(names = {"-x", "--hex"}, arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Print the result in hexadecimal; not with --raw")
    private boolean hex;

    public ChaincodeQueryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ChaincodeInvocationSpec invocation = ChaincodeCalls.invocation(channel.channelId(), name.name(),
                ctor.ctor(), false);
        var transientMap = ChaincodeCalls.transientMap(parent.transientMap());
        ProposalResponse r;
        try (EndorserClient endorser = EndorserClient.forTarget(context, peers, spec)) {
            r = endorser.send(Proposals.create(HeaderType.ENDORSER_TRANSACTION_VALUE, channel.channelId(),
                    invocation, endorser.creator(),
                    transientMap));
        } catch (StatusRuntimeException e) {
            throw new CliException("error endorsing query: " + RpcErrors.describe(e) + " - proposal response: <nil>",
                    e);
        }
        if (!r.hasEndorsement()) {
            throw new CliException("endorsement failure during query. response: "
                    + ChaincodeCalls.goText(r.getResponse()));
        }
        if (raw && hex) {
            throw new CliException("options --raw (-r) and --hex (-x) are not compatible");
        }
        ByteString payload = r.getResponse().getPayload();
        String printed;
        if (raw) { // Go's fmt.Println of a []byte
            printed = IntStream.range(0, payload.size()).mapToObj(i -> Integer.toString(payload.byteAt(i) & 0xff))
                    .collect(Collectors.joining(" ", "[", "]"));
        } else if (hex) {
            printed = HexFormat.of().formatHex(payload.toByteArray());
        } else {
            printed = payload.toStringUtf8();
        }
        context.out().println(printed);
        return 0;
    }
}
