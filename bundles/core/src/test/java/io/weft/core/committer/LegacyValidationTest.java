package io.weft.core.committer;

import static io.weft.core.committer.CommitterTestBed.rw;
import static io.weft.core.committer.CommitterTestBed.state;
import static io.weft.core.committer.CommitterTestBed.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.ledger.KvLedger;
import io.weft.lifecycle.SignaturePolicies;
import io.weft.lifecycle.legacy.LegacyChaincodeData;
import io.weft.msp.MspSigningIdentity;
import io.weft.protoutil.BlockHashes;

/**
 * Fabric 2.5's v1.4 validator on a channel whose application capability is V1_4_2 (mychannel's genesis with its
 * capabilities replaced): lscc deploys and upgrades as {@code ValidateLSCCInvocation} judges them, and chaincodes
 * lscc defined, at the version it holds.
 */
class LegacyValidationTest {

    static final List<String> ORGS = List.of("Org1MSP", "Org2MSP");
    static final ByteString ANY_ADMIN = SignaturePolicies.signedByAnyAdmin(ORGS).toByteString();
    static final ByteString ANY_MEMBER = SignaturePolicies.signedByAnyMember(ORGS).toByteString();

    @TempDir
    Path dir;

    private CommitterTestBed bed;
    private CommitterFixtures fx;
    private KvLedger ledger;
    private BlockCommitter committer;

    @BeforeEach
    void setUp() throws Exception {
        bed = new CommitterTestBed(dir);
        fx = bed.fx;
        ledger = bed.ledgerFrom("legacy", withApplicationCapability(fx.genesis, "V1_4_2"));
        committer = bed.committer(ledger, 2);
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    /** {@code genesis} with the Application group's capabilities set to {@code capability} alone. */
    static Block withApplicationCapability(Block genesis, String capability) throws Exception {
        Envelope env = Envelope.parseFrom(genesis.getData().getData(0));
        Payload payload = Payload.parseFrom(env.getPayload());
        ConfigEnvelope ce = ConfigEnvelope.parseFrom(payload.getData());
        ConfigGroup.Builder channel = ce.getConfig().getChannelGroup().toBuilder();
        ConfigGroup.Builder app = channel.getGroupsOrThrow("Application").toBuilder();
        app.putValues("Capabilities", app.getValuesOrThrow("Capabilities").toBuilder().setValue(Capabilities.newBuilder()
                .putCapabilities(capability, Capability.getDefaultInstance()).build().toByteString()).build());
        channel.putGroups("Application", app.build());
        ConfigEnvelope edited = ce.toBuilder().setConfig(ce.getConfig().toBuilder().setChannelGroup(channel)).build();
        Envelope rewritten = env.toBuilder().setPayload(payload.toBuilder().setData(edited.toByteString()).build()
                .toByteString()).build();
        BlockData data = BlockData.newBuilder().addData(rewritten.toByteString()).build();
        return genesis.toBuilder().setData(data).setHeader(genesis.getHeader().toBuilder()
                .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data)))).build();
    }

    private List<TxValidationCode> commit(Envelope... txs) throws Exception {
        return CommitterTestBed.filter(committer.commit(bed.next(ledger, txs)).block());
    }

    private static ByteString cds(String name, String version) {
        return ChaincodeDeploymentSpec.newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder()
                .setType(ChaincodeSpec.Type.JAVA).setChaincodeId(ChaincodeID.newBuilder().setName(name)
                        .setVersion(version))).build().toByteString();
    }

    private static ByteString lsccInput(String function, String name, String version, ByteString collections) {
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8(function))
                .addArgs(ByteString.copyFromUtf8(CommitterFixtures.CHANNEL)).addArgs(cds(name, version))
                .addArgs(ANY_MEMBER).addArgs(ByteString.copyFromUtf8("escc")).addArgs(ByteString.copyFromUtf8("vscc"));
        if (collections != null) {
            input.addArgs(collections);
        }
        return ChaincodeInvocationSpec.newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder()
                .setChaincodeId(ChaincodeID.newBuilder().setName("lscc")).setInput(input)).build().toByteString();
    }

    static ByteString data(String name, String version) {
        return new LegacyChaincodeData(name, version, "escc", "vscc", ANY_MEMBER, ByteString.copyFromUtf8("fp"),
                ByteString.copyFromUtf8("id"), ANY_ADMIN).toByteString();
    }

    /** What an endorser of an lscc deploy/upgrade produces: lscc's write and the Init's write, by {@code creator}. */
    private Envelope lsccTx(MspSigningIdentity creator, String function, String name, String version,
            KVWrite... lsccWrites) {
        return lsccTx(creator, function, name, version, null, lsccWrites);
    }

    private Envelope lsccTx(MspSigningIdentity creator, String function, String name, String version,
            ByteString collections, KVWrite... lsccWrites) {
        TxReadWriteSet results = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace("lscc").setRwset(KVRWSet.newBuilder()
                        .addAllWrites(List.of(lsccWrites)).build().toByteString()))
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(name).setRwset(KVRWSet.newBuilder()
                        .addWrites(write("init", version)).build().toByteString()))
                .build();
        return new EndorsedTx(creator).chaincode("lscc").version("syscc").proposalInput(lsccInput(function, name,
                version, collections)).results(results).endorsedBy(fx.peer1).build();
    }

    private Envelope deploy(MspSigningIdentity creator, String version) {
        return lsccTx(creator, "deploy", "mycc", version, KVWrite.newBuilder().setKey("mycc")
                .setValue(data("mycc", version)).build());
    }

    private Envelope upgrade(String version) {
        return lsccTx(fx.admin1, "upgrade", "mycc", version, KVWrite.newBuilder().setKey("mycc")
                .setValue(data("mycc", version)).build());
    }

    private Envelope invoke(String version) {
        return fx.tx().chaincode("mycc").version(version).results(rw("mycc", KVRWSet.newBuilder()
                .addWrites(write("k", version)).build())).endorsedBy(fx.peer2).build();
    }

    @Test
    void anAdminDeploysThenTheChaincodeRunsAtItsVersion() throws Exception {
        assertThat(commit(deploy(fx.admin1, "1.0"))).containsExactly(TxValidationCode.VALID);
        assertThat(state(ledger, "lscc", "mycc")).isEqualTo(data("mycc", "1.0"));
        assertThat(state(ledger, "mycc", "init").toStringUtf8()).isEqualTo("1.0");

        assertThat(commit(invoke("1.0"), invoke("0.9"))).containsExactly(TxValidationCode.VALID,
                TxValidationCode.EXPIRED_CHAINCODE);
        assertThat(commit(deploy(fx.admin1, "1.0"))).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    @Test
    void theInstantiationPolicyBindsTheTransactionsCreator() throws Exception {
        assertThat(commit(deploy(fx.user1, "1.0"))).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(state(ledger, "lscc", "mycc")).isNull();
    }

    @Test
    void upgradeMovesTheVersionAndExpiresTheOldOne() throws Exception {
        assertThat(commit(upgrade("2.0"))).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(commit(deploy(fx.admin1, "1.0"))).containsExactly(TxValidationCode.VALID);
        assertThat(commit(upgrade("1.0"))).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(commit(upgrade("2.0"))).containsExactly(TxValidationCode.VALID);
        assertThat(commit(invoke("1.0"), invoke("2.0"))).containsExactly(TxValidationCode.EXPIRED_CHAINCODE,
                TxValidationCode.VALID);
    }

    @Test
    void theWriteSetMustBeLsccsOwn() throws Exception {
        Envelope otherKey = lsccTx(fx.admin1, "deploy", "mycc", "1.0", KVWrite.newBuilder().setKey("other")
                .setValue(data("mycc", "1.0")).build());
        Envelope otherVersion = lsccTx(fx.admin1, "deploy", "mycc", "1.0", KVWrite.newBuilder().setKey("mycc")
                .setValue(data("mycc", "3.0")).build());
        Envelope extraWrite = lsccTx(fx.admin1, "deploy", "mycc", "1.0", KVWrite.newBuilder().setKey("mycc")
                .setValue(data("mycc", "1.0")).build(), KVWrite.newBuilder().setKey("mycc~collection")
                        .setValue(ByteString.copyFromUtf8("c")).build());
        assertThat(commit(otherKey, otherVersion, extraWrite)).containsOnly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(state(ledger, "lscc", "mycc")).isNull();
    }

    @Test
    void chaincodesCannotWriteLsccAndUnknownOnesAreInvalid() throws Exception {
        assertThat(commit(deploy(fx.admin1, "1.0"))).containsExactly(TxValidationCode.VALID);
        Envelope forged = fx.tx().chaincode("mycc").version("1.0").results(TxReadWriteSet.newBuilder()
                .setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace("mycc").setRwset(KVRWSet.newBuilder()
                        .addWrites(write("k", "v")).build().toByteString()))
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace("lscc").setRwset(KVRWSet.newBuilder()
                        .addWrites(KVWrite.newBuilder().setKey("mycc").setValue(data("mycc", "9.0"))).build()
                        .toByteString()))
                .build()).endorsedBy(fx.peer1).build();
        Envelope unknown = fx.tx().chaincode("nocc").version("1.0").results(rw("nocc", KVRWSet.newBuilder()
                .addWrites(write("k", "v")).build())).endorsedBy(fx.peer1).build();
        assertThat(commit(forged, unknown)).containsExactly(TxValidationCode.ILLEGAL_WRITESET,
                TxValidationCode.INVALID_OTHER_REASON);
        assertThat(state(ledger, "lscc", "mycc")).isEqualTo(data("mycc", "1.0"));
    }

    /** Deploy or upgrade mycc with {@code collections} as argument and as lscc's second write. */
    private Envelope withCollections(String function, String version, ByteString collections) {
        return lsccTx(fx.admin1, function, "mycc", version, collections, KVWrite.newBuilder().setKey("mycc")
                .setValue(data("mycc", version)).build(), KVWrite.newBuilder().setKey("mycc~collection")
                        .setValue(collections).build());
    }

    private static ByteString collections(String name, long blockToLive) {
        return org.hyperledger.fabric.protos.peer.CollectionConfigPackage.newBuilder().addConfig(
                org.hyperledger.fabric.protos.peer.CollectionConfig.newBuilder().setStaticCollectionConfig(
                        org.hyperledger.fabric.protos.peer.StaticCollectionConfig.newBuilder().setName(name)
                                .setMaximumPeerCount(1).setBlockToLive(blockToLive))).build().toByteString();
    }

    @Test
    void collectionsFollowTheV12Rules() throws Exception {
        assertThat(commit(withCollections("deploy", "1.0", collections("bad name", 0)),
                lsccTx(fx.admin1, "deploy", "mycc", "1.0", collections("secrets", 0), KVWrite.newBuilder()
                        .setKey("mycc").setValue(data("mycc", "1.0")).build())))
                .containsOnly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(commit(withCollections("deploy", "1.0", collections("secrets", 0))))
                .containsExactly(TxValidationCode.VALID);
        assertThat(state(ledger, "lscc", "mycc~collection")).isEqualTo(collections("secrets", 0));

        // an upgrade keeps every collection, with its block-to-live
        assertThat(commit(withCollections("upgrade", "2.0", collections("others", 0)),
                withCollections("upgrade", "2.0", collections("secrets", 5))))
                .containsOnly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(commit(withCollections("upgrade", "2.0", collections("secrets", 0))))
                .containsExactly(TxValidationCode.VALID);
    }
}
