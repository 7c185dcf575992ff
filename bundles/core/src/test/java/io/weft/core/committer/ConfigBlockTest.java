package io.weft.core.committer;

import static io.weft.core.committer.CommitterTestBed.filter;
import static io.weft.core.committer.CommitterTestBed.state;
import static io.weft.core.committer.CommitterTestBed.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.AnchorPeer;
import org.hyperledger.fabric.protos.peer.AnchorPeers;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.ledger.KvLedger;
import io.weft.ledger.txmgr.ConfigTransactions;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.MspSigningIdentity;
import io.weft.msp.Msps;
import io.weft.protoutil.Envelopes;
import io.weft.testing.FabricVectors;

/**
 * Config blocks on the peer (Fabric's v2.0 validator for a CONFIG transaction: the channel resources' {@code Apply}
 * of the ConfigEnvelope, which must follow from its last update; the config-tx processor's write of the envelope
 * under {@code CHANNEL_CONFIG_ENV_BYTES}; the new config in force once the block commits). The update is the
 * vector Org1MSPanchors.tx's anchor peers value, re-targeted at mychannel (where Org1MSP already has an AnchorPeers
 * value at version 0, so the value goes to version 1), signed by Org1's admin; the orderer wraps the resulting
 * ConfigEnvelope in a CONFIG envelope and the block as a real orderer would.
 */
class ConfigBlockTest {

    @TempDir
    Path dir;

    private CommitterTestBed bed;
    private CommitterFixtures fx;
    private KvLedger ledger;
    private BlockCommitter committer;
    private MspSigningIdentity org1Admin;

    @BeforeEach
    void setUp() throws Exception {
        bed = new CommitterTestBed(dir);
        fx = bed.fx;
        ledger = bed.ledger("l");
        committer = bed.committer(ledger, 4);
        org1Admin = Msps.loadLocal(LocalMspSettings.of(
                FabricVectors.org1().resolve("users/Admin@org1.example.com/msp"), "Org1MSP")).signingIdentity();
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    /** The AnchorPeers value of the vector update (legacychannel's anchor peer for Org1). */
    private static ConfigValue vectorAnchorPeers() throws Exception {
        Envelope tx = Envelope.parseFrom(Files.readAllBytes(FabricVectors.root().resolve("Org1MSPanchors.tx")));
        ConfigUpdateEnvelope cue = ConfigUpdateEnvelope.parseFrom(Payload.parseFrom(tx.getPayload()).getData());
        ConfigUpdate update = ConfigUpdate.parseFrom(cue.getConfigUpdate());
        return update.getWriteSet().getGroupsOrThrow("Application").getGroupsOrThrow("Org1MSP")
                .getValuesOrThrow("AnchorPeers");
    }

    /** A CONFIG_UPDATE for mychannel setting Org1MSP's anchor peers to {@code anchors}, signed by Org1's admin. */
    private Envelope anchorsUpdate(ConfigValue anchors) {
        ConfigGroup read = ConfigGroup.newBuilder().putGroups("Application", ConfigGroup.newBuilder()
                .putGroups("Org1MSP", ConfigGroup.getDefaultInstance()).build()).build();
        ConfigGroup writeSet = ConfigGroup.newBuilder().putGroups("Application", ConfigGroup.newBuilder()
                .putGroups("Org1MSP", ConfigGroup.newBuilder().putValues("AnchorPeers",
                        anchors.toBuilder().setVersion(1).setModPolicy("Admins").build()).build()).build()).build();
        ByteString update = ConfigUpdate.newBuilder().setChannelId(CommitterFixtures.CHANNEL).setReadSet(read)
                .setWriteSet(writeSet).build().toByteString();
        ByteString sigHeader = SignatureHeader.newBuilder().setCreator(org1Admin.serialize()).setNonce(Envelopes.nonce())
                .build().toByteString();
        ConfigUpdateEnvelope cue = ConfigUpdateEnvelope.newBuilder().setConfigUpdate(update)
                .addSignatures(ConfigSignature.newBuilder().setSignatureHeader(sigHeader)
                        .setSignature(ByteString.copyFrom(org1Admin.sign(sigHeader.concat(update).toByteArray()))))
                .build();
        return signed(org1Admin, HeaderType.CONFIG_UPDATE_VALUE, cue.toByteString());
    }

    /** An envelope of {@code type} on mychannel by {@code signer}, as Fabric's CreateSignedEnvelope makes it. */
    private static Envelope signed(MspSigningIdentity signer, int type, ByteString data) {
        ChannelHeader chdr = ChannelHeader.newBuilder().setType(type).setChannelId(CommitterFixtures.CHANNEL)
                .setTimestamp(Envelopes.now()).build();
        SignatureHeader shdr = SignatureHeader.newBuilder().setCreator(signer.serialize()).setNonce(Envelopes.nonce())
                .build();
        ByteString payload = Payload.newBuilder().setHeader(Header.newBuilder().setChannelHeader(chdr.toByteString())
                .setSignatureHeader(shdr.toByteString())).setData(data).build().toByteString();
        return Envelope.newBuilder().setPayload(payload)
                .setSignature(ByteString.copyFrom(signer.sign(payload.toByteArray()))).build();
    }

    private static AnchorPeer anchorOf(ConfigValue v) throws Exception {
        return AnchorPeers.parseFrom(v.getValue()).getAnchorPeers(0);
    }

    @Test
    void aConfigBlockCommitsValidAndItsConfigIsInForceAfterwards() throws Exception {
        ConfigValue anchors = vectorAnchorPeers();
        assertThat(anchorOf(anchors)).isEqualTo(AnchorPeer.newBuilder().setHost("127.0.0.1").setPort(7051).build());
        ConfigEnvelope next = committer.channel().config().configtxValidator()
                .proposeConfigUpdate(anchorsUpdate(anchors)); // what the orderer computes
        assertThat(next.getConfig().getSequence()).isEqualTo(1);
        Envelope configTx = signed(fx.orderer, HeaderType.CONFIG_VALUE, next.toByteString());

        CommittedBlock committed = committer.commit(bed.next(ledger, configTx));

        assertThat(committed.codes()).containsExactly(TxValidationCode.VALID);
        assertThat(committer.channel().config().sequence()).isEqualTo(1);
        assertThat(committer.channel().config().application().orElseThrow().orgs().get("Org1MSP").anchorPeers())
                .containsExactly(anchorOf(anchors));
        assertThat(state(ledger, ConfigTransactions.PEER_NAMESPACE, ConfigTransactions.CHANNEL_CONFIG_KEY))
                .isEqualTo(next.toByteString());
        // a committer reopened on the ledger reads the new config from state
        assertThat(ChannelResources.fromLedger(ledger, fx.bccsp).config().sequence()).isEqualTo(1);

        // transactions go on committing under the new config
        assertThat(filter(committer.commit(bed.next(ledger, bed.writes(write("a", "1")))).block()))
                .containsExactly(TxValidationCode.VALID);
        // the same update again is stale: its read set no longer matches, the orderer refuses it
        assertThatThrownBy(() -> committer.channel().config().configtxValidator()
                .proposeConfigUpdate(anchorsUpdate(anchors))).isInstanceOf(io.weft.configtx.ConfigtxException.class);
    }

    /**
     * A ConfigEnvelope whose config is not what its last_update produces (here: another anchor port) fails
     * Fabric's Apply, which is a block error: the block is not committed (ValidationHaltedException), the config
     * and the ledger stay as they were.
     */
    @Test
    void aConfigEnvelopeNotFollowingFromItsLastUpdateHaltsAndCommitsNothing() throws Exception {
        ConfigValue anchors = vectorAnchorPeers();
        Envelope update = anchorsUpdate(anchors);
        ConfigEnvelope proposed = committer.channel().config().configtxValidator().proposeConfigUpdate(update);
        ConfigGroup.Builder channel = proposed.getConfig().getChannelGroup().toBuilder();
        ConfigGroup.Builder app = channel.getGroupsOrThrow("Application").toBuilder();
        ConfigGroup.Builder org1 = app.getGroupsOrThrow("Org1MSP").toBuilder();
        org1.putValues("AnchorPeers", org1.getValuesOrThrow("AnchorPeers").toBuilder().setValue(AnchorPeers.newBuilder()
                .addAnchorPeers(AnchorPeer.newBuilder().setHost("evil.example.com").setPort(9999)).build().toByteString())
                .build());
        ConfigEnvelope forged = proposed.toBuilder().setConfig(proposed.getConfig().toBuilder()
                .setChannelGroup(channel.putGroups("Application", app.putGroups("Org1MSP", org1.build()).build()))).build();
        Envelope configTx = signed(fx.orderer, HeaderType.CONFIG_VALUE, forged.toByteString());
        ByteString before = state(ledger, ConfigTransactions.PEER_NAMESPACE, ConfigTransactions.CHANNEL_CONFIG_KEY);

        assertThatThrownBy(() -> committer.commit(bed.next(ledger, configTx)))
                .isInstanceOf(ValidationHaltedException.class)
                .hasMessageStartingWith("error validating config which passed initial validity checks");
        assertThat(ledger.height()).isEqualTo(2);
        assertThat(ledger.stateHeight()).isEqualTo(2);
        assertThat(committer.channel().config().sequence()).isZero();
        assertThat(state(ledger, ConfigTransactions.PEER_NAMESPACE, ConfigTransactions.CHANNEL_CONFIG_KEY))
                .isEqualTo(before);

        // the honest envelope for the same update commits at the same height
        Envelope honest = signed(fx.orderer, HeaderType.CONFIG_VALUE, proposed.toByteString());
        assertThat(committer.commit(bed.next(ledger, honest)).codes()).containsExactly(TxValidationCode.VALID);
        assertThat(committer.channel().config().sequence()).isEqualTo(1);
    }
}
