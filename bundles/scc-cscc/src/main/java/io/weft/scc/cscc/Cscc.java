package io.weft.scc.cscc;

import java.util.List;
import java.util.Optional;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChannelInfo;
import org.hyperledger.fabric.protos.peer.ChannelQueryResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.channel.ChannelException;
import io.weft.api.channel.ChannelView;
import io.weft.api.channel.PeerChannels;
import io.weft.api.scc.AccessDeniedException;
import io.weft.api.scc.SccInvocation;
import io.weft.api.scc.SystemChaincode;

/**
 * Fabric's {@code cscc} ({@code core/scc/cscc}): {@code JoinChain [fn, genesis block]}, {@code GetConfigBlock [fn,
 * channel]}, {@code GetChannelConfig [fn, channel]}, {@code GetChannels [fn]}, checked in Fabric's order and answered
 * with Fabric's messages. The capability check of a genesis block is the joining's ({@link PeerChannels#join}); join by
 * snapshot is not supported.
 */
@Component(service = SystemChaincode.class, property = SystemChaincode.NAME_PROPERTY + "=" + Cscc.NAME)
public class Cscc implements SystemChaincode {

    static final String NAME = "cscc";

    static final String JOIN_CHAIN = "JoinChain";
    static final String JOIN_CHAIN_BY_SNAPSHOT = "JoinChainBySnapshot";
    static final String JOIN_BY_SNAPSHOT_STATUS = "JoinBySnapshotStatus";
    static final String GET_CONFIG_BLOCK = "GetConfigBlock";
    static final String GET_CHANNEL_CONFIG = "GetChannelConfig";
    static final String GET_CHANNELS = "GetChannels";

    static final String SNAPSHOT_UNSUPPORTED = "JoinChainBySnapshot is not supported by Weft yet";

    /** Go's protobuf runtime's text for bytes it cannot parse. */
    static final String PROTO_PARSE_ERROR = "proto: cannot parse invalid wire-format data";

    private final PeerChannels channels;

    @Activate
    public Cscc(@Reference(name = "channels") PeerChannels channels) {
        this.channels = channels;
    }

    @Override
    public Response invoke(SccInvocation invocation) {
        List<ByteString> args = invocation.args();
        if (args.isEmpty()) {
            return error("Incorrect number of arguments, 0");
        }
        String fname = args.get(0).toStringUtf8();
        if (!GET_CHANNELS.equals(fname) && !JOIN_BY_SNAPSHOT_STATUS.equals(fname) && args.size() < 2) {
            return error("Incorrect number of arguments, " + args.size());
        }

        if (invocation.fromChaincode()) {
            String name;
            try {
                name = invokedChaincodeName(invocation);
            } catch (IllegalArgumentException e) {
                return error("Failed to identify the called chaincode: " + e.getMessage());
            }
            if (!NAME.equals(name)) {
                return error("Rejecting invoke of CSCC from another chaincode, original invocation for '" + name + "'");
            }
        }

        switch (fname) {
            case JOIN_CHAIN:
                return joinChain(invocation, args.get(1));
            case JOIN_CHAIN_BY_SNAPSHOT:
                if (args.get(1).isEmpty()) {
                    return error("Cannot join the channel, no snapshot directory provided");
                }
                try {
                    invocation.checkAcl("cscc/JoinChainBySnapshot", "");
                } catch (AccessDeniedException e) {
                    return error("access denied for [" + fname + "]: [" + e.getMessage() + "]");
                }
                return error(SNAPSHOT_UNSUPPORTED);
            case JOIN_BY_SNAPSHOT_STATUS:
                try {
                    invocation.checkAcl("cscc/JoinBySnapshotStatus", "");
                } catch (AccessDeniedException e) {
                    return error("access denied for [" + fname + "]: " + e.getMessage());
                }
                return error(SNAPSHOT_UNSUPPORTED);
            case GET_CONFIG_BLOCK: {
                String cid = args.get(1).toStringUtf8();
                try {
                    invocation.checkAcl("cscc/GetConfigBlock", cid);
                } catch (AccessDeniedException e) {
                    return error("access denied for [" + fname + "][" + cid + "]: " + e.getMessage());
                }
                return configBlock(cid);
            }
            case GET_CHANNEL_CONFIG: {
                if (args.get(1).isEmpty()) {
                    return error("empty channel name provided");
                }
                String cid = args.get(1).toStringUtf8();
                try {
                    invocation.checkAcl("cscc/GetChannelConfig", cid);
                } catch (AccessDeniedException e) {
                    return error("access denied for [" + fname + "][" + cid + "]: " + e.getMessage());
                }
                return channelConfig(cid);
            }
            case GET_CHANNELS:
                try {
                    invocation.checkAcl("cscc/GetChannels", "");
                } catch (AccessDeniedException e) {
                    return error("access denied for [" + fname + "]: " + e.getMessage());
                }
                return channels();
            default:
                return error("Requested function " + fname + " not found.");
        }
    }

    private Response joinChain(SccInvocation invocation, ByteString blockBytes) {
        Block block;
        try {
            block = Block.parseFrom(blockBytes);
        } catch (InvalidProtocolBufferException e) {
            return error("Failed to reconstruct the genesis block, error unmarshalling Block: " + PROTO_PARSE_ERROR);
        }

        String cid;
        try {
            cid = channelId(block);
        } catch (IllegalArgumentException e) {
            return error("\"JoinChain\" request failed to extract channel id from the block due to [" + e.getMessage() + "]");
        }

        try {
            validateConfigBlock(block);
        } catch (IllegalArgumentException e) {
            return error("\"JoinChain\" for channelID = " + cid + " failed because of validation of configuration block,"
                    + " because of " + e.getMessage());
        }

        try {
            invocation.checkAcl("cscc/JoinChain", "");
        } catch (AccessDeniedException e) {
            return error("access denied for [" + JOIN_CHAIN + "][" + cid + "]: [" + e.getMessage() + "]");
        }

        try {
            channels.join(withTransactionsFilter(block));
        } catch (ChannelException e) {
            return error(e.getMessage());
        }
        return Response.newBuilder().setStatus(200).build();
    }

    /** Fabric marks the genesis block's transactions VALID when it carries no transactions filter yet. */
    static Block withTransactionsFilter(Block block) {
        int slot = BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE;
        BlockMetadata metadata = block.getMetadata();
        if (metadata.getMetadataCount() > slot && !metadata.getMetadata(slot).isEmpty()) {
            return block;
        }
        BlockMetadata.Builder b = metadata.toBuilder();
        while (b.getMetadataCount() <= slot) {
            b.addMetadata(ByteString.EMPTY);
        }
        byte[] valid = new byte[block.getData().getDataCount()];
        java.util.Arrays.fill(valid, (byte) TxValidationCode.VALID_VALUE);
        b.setMetadata(slot, ByteString.copyFrom(valid));
        return block.toBuilder().setMetadata(b).build();
    }

    /** {@code protoutil.GetChannelIDFromBlock}. */
    static String channelId(Block block) {
        if (block.getData().getDataCount() == 0) {
            throw new IllegalArgumentException("failed to retrieve channel id - block is empty");
        }
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(block.getData().getData(0));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("error unmarshalling Envelope: " + PROTO_PARSE_ERROR, e);
        }
        Payload payload;
        try {
            payload = Payload.parseFrom(envelope.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("error unmarshalling Payload: " + PROTO_PARSE_ERROR, e);
        }
        if (!payload.hasHeader()) {
            throw new IllegalArgumentException("failed to retrieve channel id - payload header is empty");
        }
        try {
            return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getChannelId();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("error unmarshalling ChannelHeader: " + PROTO_PARSE_ERROR, e);
        }
    }

    /**
     * Fabric's {@code validateConfigBlock} up to the capability check (which {@link PeerChannels#join} makes): the
     * first envelope is a {@code CONFIG} one whose configuration has an {@code Application} group. Only called after
     * {@link #channelId} succeeded, so the envelope, payload and header parse.
     */
    static void validateConfigBlock(Block block) {
        Payload payload;
        ChannelHeader header;
        try {
            payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
            header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("parsed before", e);
        }
        if (header.getType() != HeaderType.CONFIG_VALUE) {
            throw new IllegalArgumentException("Bad configuration envelope: invalid type " + headerTypeName(header.getType())
                    + ", expected CONFIG");
        }
        ConfigEnvelope configEnv;
        try {
            configEnv = ConfigEnvelope.parseFrom(payload.getData());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("Bad configuration envelope: error unmarshalling message for type CONFIG: "
                    + PROTO_PARSE_ERROR, e);
        }
        if (!configEnv.hasConfig()) {
            throw new IllegalArgumentException("Nil config envelope Config");
        }
        if (!configEnv.getConfig().hasChannelGroup()) {
            throw new IllegalArgumentException("Nil channel group");
        }
        if (configEnv.getConfig().getChannelGroup().getGroupsCount() == 0) {
            // a decoded empty map is nil in Go
            throw new IllegalArgumentException("No channel configuration groups are available");
        }
        if (!configEnv.getConfig().getChannelGroup().containsGroups("Application")) {
            throw new IllegalArgumentException("Invalid configuration block, missing Application configuration group");
        }
    }

    /** Go's {@code HeaderType.String()}: the name, or the number for values the enum does not know. */
    static String headerTypeName(int type) {
        HeaderType t = HeaderType.forNumber(type);
        return t != null ? t.name() : Integer.toString(type);
    }

    private Response configBlock(String cid) {
        Optional<ChannelView> channel = channels.channel(cid);
        if (channel.isEmpty()) {
            return error("Unknown channel ID, " + cid);
        }
        try {
            return success(channel.get().configBlock().toByteString());
        } catch (ChannelException e) {
            return error(e.getMessage());
        }
    }

    private Response channelConfig(String cid) {
        Optional<ChannelView> channel = channels.channel(cid);
        if (channel.isEmpty()) {
            return error("unknown channel ID, " + cid);
        }
        return success(channel.get().config().toByteString());
    }

    private Response channels() {
        ChannelQueryResponse.Builder r = ChannelQueryResponse.newBuilder();
        for (String id : channels.channels()) {
            r.addChannels(ChannelInfo.newBuilder().setChannelId(id));
        }
        return success(r.build().toByteString());
    }

    /** {@code protoutil.InvokedChaincodeName}: the chaincode the proposal originally invoked. */
    static String invokedChaincodeName(SccInvocation invocation) {
        org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload payload;
        try {
            payload = org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload.parseFrom(invocation.proposal().getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("could not unmarshal chaincode proposal payload: " + PROTO_PARSE_ERROR, e);
        }
        org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec cis;
        try {
            cis = org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec.parseFrom(payload.getInput());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("could not unmarshal chaincode invocation spec: " + PROTO_PARSE_ERROR, e);
        }
        if (!cis.hasChaincodeSpec()) {
            throw new IllegalArgumentException("chaincode spec is nil");
        }
        if (!cis.getChaincodeSpec().hasChaincodeId()) {
            throw new IllegalArgumentException("chaincode id is nil");
        }
        return cis.getChaincodeSpec().getChaincodeId().getName();
    }

    private static Response success(ByteString payload) {
        return Response.newBuilder().setStatus(200).setPayload(payload).build();
    }

    private static Response error(String message) {
        return Response.newBuilder().setStatus(500).setMessage(message).build();
    }
}
