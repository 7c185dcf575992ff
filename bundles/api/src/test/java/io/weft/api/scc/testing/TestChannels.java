package io.weft.api.scc.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.channel.ChannelException;
import io.weft.api.channel.ChannelView;
import io.weft.api.channel.PeerChannels;
import io.weft.testing.FabricVectors;

/**
 * In-memory channels: {@code mychannel} holds the vectors' genesis block and one endorser transaction block
 * ({@code tx1}, block 1, VALID). Hashes are SHA-256 of the marshalled header (the real peer hashes ASN.1 DER; qscc
 * only hands the bytes on). {@link #failing} makes every ledger read throw.
 */
public final class TestChannels implements PeerChannels {

    public static final String CHANNEL = "mychannel";
    public static final String TX1 = "tx1";

    public final Map<String, View> views = new TreeMap<>();
    public final List<Block> joined = new ArrayList<>();
    public volatile String failing;
    public volatile String joinFailure;

    public TestChannels() {
        Block genesis = genesis();
        Block b1 = Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(1).setPreviousHash(hash(genesis)))
                .setData(BlockData.newBuilder().addData(endorserTx(TX1).toByteString()))
                .setMetadata(BlockMetadata.newBuilder().addMetadata(ByteString.EMPTY).addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.copyFrom(new byte[] {0})))
                .build();
        views.put(CHANNEL, new View(CHANNEL, List.of(genesis, b1)));
    }

    public static Block genesis() {
        try {
            return Block.parseFrom(FabricVectors.bytes("mychannel.block"));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    public static Envelope endorserTx(String txId) {
        ChannelHeader ch = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(CHANNEL).setTxId(txId).build();
        return Envelope.newBuilder().setPayload(Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(ch.toByteString())).build().toByteString()).build();
    }

    public static ByteString hash(Block b) {
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(b.getHeader().toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    public static String txId(ByteString envelope) {
        try {
            Payload p = Payload.parseFrom(Envelope.parseFrom(envelope).getPayload());
            return ChannelHeader.parseFrom(p.getHeader().getChannelHeader()).getTxId();
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }

    @Override
    public List<String> channels() {
        return List.copyOf(views.keySet());
    }

    @Override
    public Optional<ChannelView> channel(String channelId) {
        return Optional.ofNullable(views.get(channelId));
    }

    @Override
    public void join(Block genesis) throws ChannelException {
        if (joinFailure != null) {
            throw new ChannelException(joinFailure);
        }
        joined.add(genesis);
    }

    public final class View implements ChannelView {

        private final String id;
        private final List<Block> blocks;
        /** The application orgs' MSP IDs ({@code null}: no Application group). */
        public List<String> mspIds = List.of("Org1MSP", "Org2MSP");
        public boolean lifecycleV20 = true;
        public boolean privateChannelData = true;
        public boolean collectionUpgrade = true;
        public java.util.Set<String> policies = new java.util.HashSet<>(java.util.Set.of(
                "/Channel/Application/Endorsement", "/Channel/Application/LifecycleEndorsement"));
        /** Identities the channel's MSPs accept (marshalled SerializedIdentity). */
        public java.util.Set<ByteString> identities = new java.util.HashSet<>();
        /** What {@link #readCommitted} reads (null: the channel has no committed state to read). */
        public io.weft.api.scc.SccState committed;

        public View(String id, List<Block> blocks) {
            this.id = id;
            this.blocks = blocks;
        }

        private void maybeFail() throws ChannelException {
            if (failing != null) {
                throw new ChannelException(failing);
            }
        }

        @Override
        public String channelId() {
            return id;
        }

        @Override
        public BlockchainInfo info() throws ChannelException {
            maybeFail();
            Block last = blocks.get(blocks.size() - 1);
            return BlockchainInfo.newBuilder().setHeight(blocks.size()).setCurrentBlockHash(hash(last))
                    .setPreviousBlockHash(last.getHeader().getPreviousHash()).build();
        }

        @Override
        public Optional<Block> blockByNumber(long number) throws ChannelException {
            maybeFail();
            return number >= 0 && number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
        }

        @Override
        public Optional<Block> blockByHash(ByteString headerHash) throws ChannelException {
            maybeFail();
            return blocks.stream().filter(b -> hash(b).equals(headerHash)).findFirst();
        }

        @Override
        public Optional<Block> blockByTxId(String txId) throws ChannelException {
            maybeFail();
            return blocks.stream().filter(b -> b.getData().getDataList().stream().anyMatch(e -> txId(e).equals(txId)))
                    .findFirst();
        }

        @Override
        public Optional<ProcessedTransaction> transactionById(String txId) throws ChannelException {
            maybeFail();
            for (Block b : blocks) {
                for (ByteString e : b.getData().getDataList()) {
                    if (txId(e).equals(txId)) {
                        try {
                            return Optional.of(ProcessedTransaction.newBuilder().setTransactionEnvelope(Envelope.parseFrom(e))
                                    .setValidationCode(TxValidationCode.VALID_VALUE).build());
                        } catch (InvalidProtocolBufferException x) {
                            throw new AssertionError(x);
                        }
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public Config config() {
            try {
                Envelope env = Envelope.parseFrom(blocks.get(0).getData().getData(0));
                return ConfigEnvelope.parseFrom(Payload.parseFrom(env.getPayload()).getData()).getConfig();
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public <T, E extends Exception> T readCommitted(String namespace, CommittedReader<T, E> reader)
                throws ChannelException, E {
            if (committed == null) {
                throw new ChannelException("no committed state in this test channel");
            }
            return reader.read(committed);
        }

        @Override
        public Block configBlock() throws ChannelException {
            maybeFail();
            return blocks.get(0);
        }

        @Override
        public Optional<List<String>> applicationMspIds() {
            return Optional.ofNullable(mspIds);
        }

        @Override
        public boolean lifecycleV20() {
            return lifecycleV20;
        }

        @Override
        public boolean privateChannelData() {
            return privateChannelData;
        }

        @Override
        public boolean collectionUpgrade() {
            return collectionUpgrade;
        }

        @Override
        public boolean hasPolicy(String path) {
            return policies.contains(path);
        }

        @Override
        public boolean isChannelIdentity(ByteString serializedIdentity) {
            return identities.contains(serializedIdentity);
        }
    }
}
