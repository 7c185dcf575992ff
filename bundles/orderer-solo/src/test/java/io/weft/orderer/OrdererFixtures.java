package io.weft.orderer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;

import io.weft.api.identity.SigningIdentity;
import io.weft.api.storage.KeyValueStore;
import io.weft.api.storage.StoreOptions;
import io.weft.core.committer.BlockVerifier;
import io.weft.core.committer.CommitterFixtures;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.MspSigningIdentity;
import io.weft.msp.Msps;
import io.weft.protoutil.BlockHashes;
import io.weft.protoutil.Envelopes;
import io.weft.storage.memory.MemoryStorageComponent;
import io.weft.testing.FabricVectors;

/**
 * mychannel's genesis block with the orderer limits a test needs, the vector identities, signed messages and config
 * updates, and chains on a block store in a temporary directory.
 */
final class OrdererFixtures {

    static final String CHANNEL = CommitterFixtures.CHANNEL;

    final CommitterFixtures fx;
    final MspSigningIdentity ordererAdmin;

    OrdererFixtures() throws Exception {
        fx = CommitterFixtures.get();
        ordererAdmin = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.ordererOrg().resolve("users/Admin@example.com/msp"), "OrdererMSP")).signingIdentity();
    }

    static BatchSize batchSize(int maxMessageCount, int absoluteMaxBytes, int preferredMaxBytes) {
        return BatchSize.newBuilder().setMaxMessageCount(maxMessageCount).setAbsoluteMaxBytes(absoluteMaxBytes)
                .setPreferredMaxBytes(preferredMaxBytes).build();
    }

    /** The vectors' mychannel genesis block with its orderer's BatchSize and BatchTimeout replaced. */
    Block genesis(BatchSize size, Duration timeout) throws Exception {
        Envelope tx = Envelope.parseFrom(fx.genesis.getData().getData(0));
        Payload payload = Payload.parseFrom(tx.getPayload());
        ConfigEnvelope config = ConfigEnvelope.parseFrom(payload.getData());
        ConfigEnvelope.Builder edited = config.toBuilder();
        ConfigGroup.Builder orderer = edited.getConfigBuilder().getChannelGroupBuilder().getGroupsOrThrow("Orderer")
                .toBuilder();
        orderer.putValues("BatchSize", orderer.getValuesOrThrow("BatchSize").toBuilder().setValue(size.toByteString())
                .build());
        orderer.putValues("BatchTimeout", orderer.getValuesOrThrow("BatchTimeout").toBuilder()
                .setValue(BatchTimeout.newBuilder().setTimeout(timeout.toMillis() + "ms").build().toByteString())
                .build());
        edited.getConfigBuilder().getChannelGroupBuilder().putGroups("Orderer", orderer.build());
        Envelope editedTx = tx.toBuilder().setPayload(payload.toBuilder().setData(edited.build().toByteString())
                .build().toByteString()).build();
        Block.Builder block = fx.genesis.toBuilder();
        block.getDataBuilder().setData(0, editedTx.toByteString());
        block.getHeaderBuilder().setDataHash(ByteString.copyFrom(BlockHashes.dataHash(block.getData())));
        return block.build();
    }

    /** A normal message by {@code signer} whose data is {@code text}. */
    static Envelope message(SigningIdentity signer, String text) {
        return Envelopes.signed(HeaderType.ENDORSER_TRANSACTION_VALUE, CHANNEL, signer,
                BytesValue.of(ByteString.copyFromUtf8(text)));
    }

    /** A {@code CONFIG_UPDATE} setting the orderer's BatchSize (at version 0) to {@code size}, signed by the orderer admin. */
    Envelope batchSizeUpdate(BatchSize size, SigningIdentity configSigner) {
        ConfigGroup.Builder readOrderer = ConfigGroup.newBuilder();
        ConfigGroup.Builder writeOrderer = ConfigGroup.newBuilder().putValues("BatchSize", ConfigValue.newBuilder()
                .setVersion(1).setModPolicy("Admins").setValue(size.toByteString()).build());
        ConfigUpdate update = ConfigUpdate.newBuilder().setChannelId(CHANNEL)
                .setReadSet(ConfigGroup.newBuilder().putGroups("Orderer", readOrderer.build()))
                .setWriteSet(ConfigGroup.newBuilder().putGroups("Orderer", writeOrderer.build())).build();
        ByteString signatureHeader = SignatureHeader.newBuilder().setCreator(configSigner.serialize())
                .setNonce(Envelopes.nonce()).build().toByteString();
        ByteString signature = ByteString.copyFrom(configSigner.sign(
                signatureHeader.concat(update.toByteString()).toByteArray()));
        ConfigUpdateEnvelope envelope = ConfigUpdateEnvelope.newBuilder().setConfigUpdate(update.toByteString())
                .addSignatures(ConfigSignature.newBuilder().setSignatureHeader(signatureHeader).setSignature(signature))
                .build();
        return Envelopes.signed(HeaderType.CONFIG_UPDATE_VALUE, CHANNEL, ordererAdmin, envelope);
    }

    /** An orderer storing its ledgers under {@code dir}, its block index in a memory store (empty on each start). */
    Orderer orderer(Path dir) {
        KeyValueStore index = new MemoryStorageComponent().open(dir.resolve("index"), StoreOptions.defaults());
        return new Orderer(new ChainRegistry(new BlockStoreLedgers(dir.resolve("chains"), index), fx.orderer,
                fx.bccsp, Clock.systemUTC()), index);
    }

    /** A registry and its index store, closed together as a stopping orderer closes them. */
    record Orderer(ChainRegistry registry, KeyValueStore index) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            registry.close();
            index.close();
        }
    }

    /** Blocks appended to a chain's ledger from now on, each checked with the peer's own block checks. */
    static final class VerifiedBlocks {
        private final BlockingQueue<Block> appended = new LinkedBlockingQueue<>();
        private final SoloChain chain;
        private final BlockVerifier verifier;
        private Block last;

        VerifiedBlocks(SoloChain chain) {
            this.chain = chain;
            this.verifier = new BlockVerifier(CHANNEL, () -> chain.config().policyManager());
            long height = chain.ledger().height();
            this.last = chain.ledger().block(height - 1).orElseThrow();
            chain.ledger().onAppend(appended::add);
        }

        /** The next block, verified as following the last one (checked against the config before a config block). */
        Block next() throws Exception {
            Block block = appended.poll(10, TimeUnit.SECONDS);
            if (block == null) {
                throw new AssertionError("no block within 10s after block " + last.getHeader().getNumber());
            }
            verifier.verify(block, last.getHeader().getNumber() + 1, BlockHashes.headerHash(last.getHeader()));
            last = block;
            return block;
        }

        /** No block within {@code wait}. */
        boolean noneWithin(Duration wait) throws InterruptedException {
            return appended.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
        }
    }
}
