package io.weft.runtime.cli.lifecycle;

import java.util.concurrent.Callable;

import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;

import io.grpc.StatusRuntimeException;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.GoProtoJson;
import io.weft.runtime.cli.client.EndorserClient;
import io.weft.runtime.cli.client.RpcErrors;
import io.weft.runtime.cli.options.PeerTargetOptions;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code peer lifecycle chaincode} verb answered by the peer's {@code _lifecycle}: the flags are checked first,
 * then one proposal {@code [function, marshalled args]} goes to the peer ({@code --peerAddresses}, else
 * {@code CORE_PEER_ADDRESS}), signed by the local MSP.
 */
abstract class LifecyclePeerCommand implements Callable<Integer> {

    static final String LIFECYCLE = "_lifecycle";

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PeerTargetOptions peers;

    LifecyclePeerCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    /** Fabric's flag checks for this verb, before anything is loaded. */
    abstract void validate();

    abstract void call(EndorserClient endorser);

    @Override
    public final Integer call() {
        validate();
        try (EndorserClient endorser = EndorserClient.forTarget(context, peers, spec)) {
            call(endorser);
            return 0;
        } catch (StatusRuntimeException e) {
            throw new CliException("failed to endorse proposal: " + RpcErrors.describe(e), e);
        }
    }

    /** The proposal's response; a status other than 200 fails with {@code <failure> with status: N - msg}. */
    static ProposalResponse send(EndorserClient endorser, String channelId, String function, Message args,
            String failure) {
        ProposalResponse r = endorser.invokeOn(channelId, HeaderType.ENDORSER_TRANSACTION, LIFECYCLE,
                ByteString.copyFromUtf8(function), args.toByteString());
        if (!r.hasResponse()) {
            throw new CliException("received proposal response with nil response");
        }
        if (r.getResponse().getStatus() != 200) {
            throw new CliException(failure + " with status: " + r.getResponse().getStatus() + " - "
                    + r.getResponse().getMessage());
        }
        return r;
    }

    static <T extends Message> T payload(ProposalResponse r, Parser<T> parser) {
        try {
            return parser.parseFrom(r.getResponse().getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new CliException("failed to unmarshal proposal response's response payload: " + e.getMessage(), e);
        }
    }

    /**
     * {@code --output json}: prints the result as Fabric's CLI does (Go's JSON encoder on the generated struct).
     *
     * @return whether it printed (the format is {@code json}, in any case)
     */
    boolean printedAsJson(String format, Message result) {
        if (!"json".equalsIgnoreCase(format)) {
            return false;
        }
        context().out().print(GoProtoJson.marshalIndent(result) + "\n");
        return true;
    }
}
