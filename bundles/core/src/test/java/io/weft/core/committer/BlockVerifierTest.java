package io.weft.core.committer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;

import io.weft.protoutil.BlockHashes;

class BlockVerifierTest {

    /** Fabric's error for /Channel/Orderer/BlockValidation (ANY Writers of the orderer orgs) not met. */
    private static final String POLICY_FAILURE = "implicit policy evaluation failed - 0 sub-policies were satisfied,"
            + " but this policy requires 1 of the 'Writers' sub-policies to be satisfied";

    private static CommitterFixtures fx;
    private static byte[] genesisHash;

    @BeforeAll
    static void load() throws Exception {
        fx = CommitterFixtures.get();
        genesisHash = BlockHashes.headerHash(fx.genesis.getHeader());
    }

    private static BlockVerifier verifier() {
        return new BlockVerifier(CommitterFixtures.CHANNEL, fx.config::policyManager);
    }

    private static Block signedBlock(ByteString... txs) {
        return CommitterFixtures.block(1, genesisHash, fx.orderer, txs);
    }

    @Test
    void blockSignedByTheOrdererVerifies() {
        Block block = signedBlock(fx.endorserTx(CommitterFixtures.CHANNEL).toByteString(),
                fx.endorserTx(CommitterFixtures.CHANNEL).toByteString());
        assertThatCode(() -> verifier().verify(block, 1, genesisHash)).doesNotThrowAnyException();
        assertThatCode(() -> verifier().verify(block, 1, null)).doesNotThrowAnyException();
    }

    @Test
    void wrongNumber() {
        Block block = signedBlock(fx.endorserTx(CommitterFixtures.CHANNEL).toByteString());
        assertThatThrownBy(() -> verifier().verify(block, 2, genesisHash))
                .hasMessage("Claimed seqNum is [2] but actual seqNum inside block is [1]");
    }

    @Test
    void missingHeader() {
        Block block = signedBlock(fx.endorserTx(CommitterFixtures.CHANNEL).toByteString()).toBuilder().clearHeader()
                .build();
        assertThatThrownBy(() -> verifier().verify(block, 1, genesisHash))
                .hasMessage("Invalid Block on channel [mychannel]. Header must be different from nil.");
    }

    @Test
    void firstTransactionOfAnotherChannel() {
        Block block = signedBlock(fx.endorserTx("otherchannel").toByteString());
        assertThatThrownBy(() -> verifier().verify(block, 1, genesisHash))
                .hasMessage("Invalid block's channel id. Expected [mychannel]. Given [otherchannel]");
    }

    @Test
    void emptyBlock() {
        Block block = signedBlock();
        assertThatThrownBy(() -> verifier().verify(block, 1, genesisHash)).hasMessage(
                "Failed getting channel id from block with id [1] on channel [mychannel]: "
                        + "[failed to retrieve channel id - block is empty]");
    }

    @Test
    void noMetadata() {
        Block block = signedBlock(fx.endorserTx(CommitterFixtures.CHANNEL).toByteString()).toBuilder()
                .setMetadata(BlockMetadata.getDefaultInstance()).build();
        assertThatThrownBy(() -> verifier().verify(block, 1, genesisHash))
                .hasMessage("Block with id [1] on channel [mychannel] does not have metadata. Block not valid.");
    }

    @Test
    void tamperedDataHash() {
        Block good = signedBlock(fx.endorserTx(CommitterFixtures.CHANNEL).toByteString());
        Block block = good.toBuilder().setData(good.getData().toBuilder()
                .addData(fx.endorserTx(CommitterFixtures.CHANNEL).toByteString())).build();
        assertThatThrownBy(() -> verifier().verify(block, 1, genesisHash)).hasMessage(
                "Header.DataHash is different from Hash(block.Data) for block with id [1] on channel [mychannel]");
    }

    @Test
    void wrongPreviousHash() {
        Block block = signedBlock(fx.endorserTx(CommitterFixtures.CHANNEL).toByteString());
        byte[] other = new byte[32];
        assertThatThrownBy(() -> verifier().verify(block, 1, other))
                .hasMessageStartingWith("unexpected Previous block hash. Expected PreviousHash = [0000")
                .hasMessageEndingWith("PreviousHash referred in the latest block= ["
                        + java.util.HexFormat.of().formatHex(genesisHash) + "]");
    }

    @Test
    void envelopeWithTrailingBytesIsRejected() throws Exception {
        Envelope env = fx.endorserTx(CommitterFixtures.CHANNEL);
        // the payload field written twice: parses (last wins) but re-marshals shorter
        ByteString raw = env.toByteString().concat(encodeField(1, env.getPayload()));
        Block block = signedBlock(raw);
        assertThatThrownBy(() -> verifier().verify(block, 1, genesisHash))
                .hasMessage("transaction 0 has " + (raw.size() - env.getSerializedSize()) + " trailing bytes");
    }

    @Test
    void envelopeInNonCanonicalFieldOrderIsRejected() throws Exception {
        Envelope env = fx.endorserTx(CommitterFixtures.CHANNEL);
        ByteString raw = encodeField(2, env.getSignature()).concat(encodeField(1, env.getPayload()));
        assertThat(Envelope.parseFrom(raw)).isEqualTo(env);
        Block block = signedBlock(fx.endorserTx(CommitterFixtures.CHANNEL).toByteString(), raw);
        assertThatThrownBy(() -> verifier().verify(block, 1, genesisHash))
                .hasMessageStartingWith("transaction 1 (").hasMessageContaining(") does not match its raw form (");
    }

    @Test
    void envelopeWithoutSignatureIsRejected() {
        Envelope env = fx.endorserTx(CommitterFixtures.CHANNEL).toBuilder().clearSignature().build();
        Block block = signedBlock(env.toByteString());
        assertThatThrownBy(() -> verifier().verify(block, 1, genesisHash)).hasMessage("transaction 0 has no signature");
    }

    @Test
    void blockSignedByAClientIsRejected() {
        Block block = CommitterFixtures.block(1, genesisHash, fx.user1,
                fx.endorserTx(CommitterFixtures.CHANNEL).toByteString());
        assertThatThrownBy(() -> verifier().verify(block, 1, genesisHash))
                .isInstanceOf(BlockVerificationException.class)
                .hasMessage(POLICY_FAILURE);
    }

    @Test
    void signatureOverAnotherHeaderIsRejected() {
        Block good = signedBlock(fx.endorserTx(CommitterFixtures.CHANNEL).toByteString());
        // same data, signatures copied from a block with another previous hash
        Block other = CommitterFixtures.block(1, new byte[32], fx.orderer,
                good.getData().getDataList().toArray(ByteString[]::new));
        Block block = good.toBuilder().setMetadata(other.getMetadata()).build();
        assertThatThrownBy(() -> verifier().verify(block, 1, genesisHash))
                .isInstanceOf(BlockVerificationException.class)
                .hasMessage(POLICY_FAILURE);
    }

    @Test
    void unsignedBlockIsRejected() {
        Block good = signedBlock(fx.endorserTx(CommitterFixtures.CHANNEL).toByteString());
        Block block = good.toBuilder().setMetadata(good.getMetadata().toBuilder()
                .setMetadata(0, Metadata.newBuilder().setValue(ByteString.copyFromUtf8("v")).build().toByteString()))
                .build();
        assertThatThrownBy(() -> verifier().verify(block, 1, genesisHash))
                .isInstanceOf(BlockVerificationException.class)
                .hasMessage(POLICY_FAILURE);
    }

    @Test
    void loneConfigTransactionIsExemptFromTheRawFormCheck() throws Exception {
        // mychannel.block's config envelope with its fields in reverse order, on a block signed by the orderer
        Envelope config = Envelope.parseFrom(fx.genesis.getData().getData(0));
        ByteString raw = encodeField(2, ByteString.copyFromUtf8("s")).concat(encodeField(1, config.getPayload()));
        Block block = signedBlock(raw);
        assertThatCode(() -> verifier().verify(block, 1, genesisHash)).doesNotThrowAnyException();
    }

    private static ByteString encodeField(int field, ByteString value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeBytes(field, value);
        c.flush();
        return ByteString.copyFrom(out.toByteArray());
    }
}
