package io.weft.core.committer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import com.google.protobuf.ByteString;

import io.weft.api.identity.SigningIdentity;
import io.weft.api.storage.StorageProvider;
import io.weft.channelconfig.ChannelConfig;
import io.weft.ledger.BlockAndPvtData;
import io.weft.ledger.KvLedger;
import io.weft.ledger.pvtdata.TxPvtData;
import io.weft.ledger.txmgr.SimulationResults;
import io.weft.msp.MspSigningIdentity;
import io.weft.protoutil.Proposals;

/**
 * For chaincode support tests: a memory ledger where {@code mycc} is defined (with the given collections), commits
 * of read-write sets as valid {@code mycc} transactions endorsed by peer0.org1, mychannel's config (V2_0, or with
 * another application capability) and proposals signed by an Org1 client or an Org2 peer.
 */
public final class ChaincodeLedgerFixture implements AutoCloseable {

    public static final String CC = CommitterTestBed.CC;

    private final CommitterTestBed bed;
    private final KvLedger ledger;
    private BlockCommitter committer; // one, so that block-event subscribers see every commit

    public ChaincodeLedgerFixture(Path dir) throws Exception {
        this(dir, CollectionConfigPackage.getDefaultInstance());
    }

    public ChaincodeLedgerFixture(Path dir, CollectionConfigPackage collections) throws Exception {
        bed = new CommitterTestBed(dir);
        ledger = bed.ledger(StorageProvider.MEMORY, "cc",
                Map.of(CC, CommitterFixtures.signaturePolicy(CommitterTestBed.ANY_PEER)), collections);
    }

    public KvLedger ledger() {
        return ledger;
    }

    /** Commits the simulation's public read-write set as one valid transaction. */
    public void commit(TxReadWriteSet results) throws Exception {
        assertThat(commitBlock(tx().results(results).endorsedBy(bed.fx.peer1).build()).codes())
                .containsExactly(TxValidationCode.VALID);
    }

    /** The ledger's committer (keeping private data as peer0.org1), made on first use. */
    public BlockCommitter committer() throws Exception {
        if (committer == null) {
            committer = bed.committer(ledger, 1);
        }
        return committer;
    }

    /** Commits the next block, made of {@code txs} and signed by the orderer, through {@link #committer()}. */
    public CommittedBlock commitBlock(Envelope... txs) throws Exception {
        return committer().commit(bed.next(ledger, txs));
    }

    /** A {@code mycc} transaction by User1 of Org1MSP, to be given results and endorsements. */
    public EndorsedTx tx() {
        return bed.fx.tx().chaincode(CC);
    }

    /** peer0 of Org1MSP, whose endorsement satisfies {@code mycc}'s policy. */
    public MspSigningIdentity org1Peer() {
        return bed.fx.peer1;
    }

    /** The orderer, a member of no application org. */
    public SigningIdentity ordererSigner() {
        return bed.fx.orderer;
    }

    /** Commits a simulation with private writes, the private data beside the block, without validation. */
    public void commitWithPrivateData(SimulationResults results) throws Exception {
        Block block = bed.next(ledger, bed.fx.tx().chaincode(CC).results(results.pub()).endorsedBy(bed.fx.peer1)
                .build());
        ledger.commit(new BlockAndPvtData(block, List.of(new TxPvtData(0, results.pvt())), Map.of()));
    }

    public ByteString state(String key) {
        return CommitterTestBed.state(ledger, CC, key);
    }

    /** mychannel's config: Application capability V2_0. */
    public ChannelConfig config() {
        return bed.fx.config;
    }

    /** mychannel's config with only {@code capability} in the Application group. */
    public ChannelConfig configWithApplicationCapability(String capability) throws Exception {
        Config config = bed.fx.config.config();
        ConfigGroup.Builder channel = config.getChannelGroup().toBuilder();
        ConfigGroup.Builder application = channel.getGroupsOrThrow("Application").toBuilder();
        application.putValues("Capabilities", application.getValuesOrThrow("Capabilities").toBuilder()
                .setValue(org.hyperledger.fabric.protos.common.Capabilities.newBuilder()
                        .putCapabilities(capability, Capability.getDefaultInstance()).build().toByteString())
                .build());
        channel.putGroups("Application", application.build());
        return ChannelConfig.of(CommitterFixtures.CHANNEL, config.toBuilder().setChannelGroup(channel).build(),
                bed.fx.bccsp);
    }

    /** User1 of Org1MSP. */
    public SigningIdentity org1Client() {
        return bed.fx.user1;
    }

    /** peer0 of Org2MSP. */
    public SigningIdentity org2Peer() {
        return bed.fx.peer2;
    }

    /** A proposal invoking {@code mycc} with {@code args}, signed by {@code creator}, carrying a transient map. */
    public static SignedProposal proposal(SigningIdentity creator, Map<String, ByteString> transientMap,
            String... args) {
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        for (String a : args) {
            input.addArgs(ByteString.copyFromUtf8(a));
        }
        ChaincodeInvocationSpec cis = ChaincodeInvocationSpec.newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder()
                .setType(ChaincodeSpec.Type.JAVA).setChaincodeId(ChaincodeID.newBuilder().setName(CC))
                .setInput(input)).build();
        Proposal proposal = Proposals.create(HeaderType.ENDORSER_TRANSACTION_VALUE, CommitterFixtures.CHANNEL, cis,
                creator.serialize());
        ByteString payload = ChaincodeProposalPayload.newBuilder().setInput(cis.toByteString())
                .putAllTransientMap(transientMap).build().toByteString();
        return Proposals.sign(proposal.toBuilder().setPayload(payload).build(), creator);
    }

    @Override
    public void close() throws Exception {
        bed.close();
    }
}
