package io.weft.orderer;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Fabric's broadcast handler ({@code broadcast.Handler.ProcessMessage}) for one envelope: find the channel from the
 * channel header, check the message with the channel's processor, hand it to the chain, and answer with Fabric's
 * status and info. Without a system channel, a message for an unknown channel is a {@code BAD_REQUEST} saying so, as a
 * 2.5 orderer answers. A refusal is answered at once; {@code SUCCESS} only once the block holding the message is
 * stored (Fabric's solo answers on enqueue). Any bytes are safe input. Thread-safe.
 */
public final class BroadcastHandler {

    static final String NO_SYSTEM_CHANNEL =
            "channel creation request not allowed because the orderer system channel is not defined";
    static final String NOT_DIRECTLY = "message is of type that cannot be processed directly";

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastHandler.class);
    private static final BroadcastResponse SUCCESS = BroadcastResponse.newBuilder().setStatus(Status.SUCCESS).build();

    private final Function<String, Optional<SoloChain>> chains;

    public BroadcastHandler(Function<String, Optional<SoloChain>> chains) {
        this.chains = chains;
    }

    /**
     * Checks {@code message} and hands it to its chain.
     *
     * @return the answer: already complete for a refusal, complete once the message is stored (or its chain refused it
     *         late: a failed second check, a halt) otherwise; never completes exceptionally. Late answers complete on
     *         the chain's ordering thread.
     */
    public CompletionStage<BroadcastResponse> process(Envelope message) {
        try {
            ChannelHeader header = channelHeader(message);
            SoloChain chain = chains.apply(header.getChannelId()).orElseThrow(
                    () -> couldNotRoute(RejectedMessageException.badRequest(NO_SYSTEM_CHANNEL), header));
            StandardChannelProcessor processor = chain.processor();
            CompletionStage<Void> stored = switch (header.getType()) {
                case HeaderType.CONFIG_UPDATE_VALUE -> {
                    StandardChannelProcessor.ConfigMessage config = processor.processConfigUpdate(message);
                    yield chain.configure(config.config(), config.configSeq());
                }
                case HeaderType.CONFIG_VALUE, HeaderType.ORDERER_TRANSACTION_VALUE ->
                    throw couldNotRoute(RejectedMessageException.badRequest(NOT_DIRECTLY), header);
                default -> chain.order(message, processor.processNormal(message));
            };
            return stored.handle((done, failure) -> failure == null ? SUCCESS : refusal(failure));
        } catch (RejectedMessageException e) {
            return CompletableFuture.completedFuture(refusal(e));
        }
    }

    private static BroadcastResponse refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof RejectedMessageException e) {
            return BroadcastResponse.newBuilder().setStatus(e.status()).setInfo(e.getMessage()).build();
        }
        // the chain completes only with refusals; anything else is a bug, reported as Fabric reports internal errors
        LOG.error("Broadcast message failed", cause);
        return BroadcastResponse.newBuilder().setStatus(Status.INTERNAL_SERVER_ERROR)
                .setInfo(String.valueOf(cause.getMessage())).build();
    }

    private static RejectedMessageException couldNotRoute(RejectedMessageException e, ChannelHeader header) {
        LOG.warn("[channel: {}] Could not get message processor: {}", header.getChannelId(), e.getMessage());
        return e;
    }

    /** Fabric's {@code protoutil.ChannelHeader}, its failures prefixed as the registrar prefixes them. */
    private static ChannelHeader channelHeader(Envelope message) throws RejectedMessageException {
        Payload payload;
        try {
            payload = Payload.parseFrom(message.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw noChannel("error unmarshalling Payload: " + GoText.PROTO_PARSE_ERROR);
        }
        if (!payload.hasHeader()) {
            throw noChannel("header not set");
        }
        if (payload.getHeader().getChannelHeader().isEmpty()) {
            throw noChannel("channel header not set");
        }
        try {
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            throw noChannel("error unmarshalling channel header: error unmarshalling ChannelHeader: "
                    + GoText.PROTO_PARSE_ERROR);
        }
    }

    private static RejectedMessageException noChannel(String cause) {
        LOG.warn("[channel: unknown] Could not get message processor: {}", cause);
        return RejectedMessageException.badRequest("could not determine channel ID: " + cause);
    }
}
