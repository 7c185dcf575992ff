package io.weft.core.committer;

import static io.weft.core.committer.CommitterTestBed.CC;
import static io.weft.core.committer.CommitterTestBed.filter;
import static io.weft.core.committer.CommitterTestBed.query;
import static io.weft.core.committer.CommitterTestBed.simulate;
import static io.weft.core.committer.CommitterTestBed.txId;
import static io.weft.core.committer.CommitterTestBed.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.TxPvtReadWriteSet;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.protobuf.ByteString;

import io.weft.api.storage.StorageProvider;
import io.weft.ledger.KvLedger;
import io.weft.ledger.LedgerException;
import io.weft.ledger.pvtdata.NsColl;
import io.weft.ledger.pvtdata.TxPvtData;
import io.weft.ledger.txmgr.SimulationResults;
import io.weft.lifecycle.ChaincodeCollections;
import io.weft.msp.MspSigningIdentity;
import io.weft.policies.PolicyDsl;

/**
 * The committer commits the private data the endorsers left in the transient store (Fabric's coordinator without
 * gossip), as peer0.org1: only collections Org1 is a member of, only write sets matching the block's hashes, only
 * for valid transactions; what it should have but lacks is recorded missing; the transient store is purged after
 * the commit, and of orphans every {@code transientstoreMaxBlockRetention} blocks.
 */
class PrivateDataCommitTest {

    private static final String ORG1 = "org1coll";
    private static final String ORG2 = "org2coll";
    private static final String SHORT = "shortlived"; // Org1's, block-to-live 1
    private static final String IMPLICIT_ORG1 = ChaincodeCollections.implicitCollectionName("Org1MSP");
    private static final String IMPLICIT_ORG2 = ChaincodeCollections.implicitCollectionName("Org2MSP");

    @RegisterExtension
    final CommitterTestBed bed = CommitterTestBed.inTempDir();
    private final CommitterFixtures fx = bed.fx;
    private KvLedger ledger;
    private BlockCommitter committer;

    @BeforeEach
    void openLedger() throws Exception {
        CollectionConfigPackage collections = CollectionConfigPackage.newBuilder()
                .addConfig(collection(ORG1, "OR('Org1MSP.member')", 0))
                .addConfig(collection(ORG2, "OR('Org2MSP.member')", 0))
                .addConfig(collection(SHORT, "OR('Org1MSP.member')", 1)).build();
        ledger = bed.ledger(StorageProvider.LEVELDB, "l",
                Map.of(CC, CommitterFixtures.signaturePolicy(CommitterTestBed.ANY_PEER)), collections);
        committer = bed.committer(ledger, 2);
    }

    private static CollectionConfig collection(String name, String members, long blockToLive) throws Exception {
        return CollectionConfig.newBuilder().setStaticCollectionConfig(StaticCollectionConfig.newBuilder().setName(name)
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder().setSignaturePolicy(PolicyDsl.parse(members)))
                .setMaximumPeerCount(1).setBlockToLive(blockToLive)).build();
    }

    /** A simulation of mycc writing {@code key = value} in {@code collection}. */
    private SimulationResults privateWrite(String collection, String key, String value) {
        return simulate(ledger, sim -> sim.setPrivateData(CC, collection, key, ByteString.copyFromUtf8(value)));
    }

    private Envelope endorsed(SimulationResults results, MspSigningIdentity... endorsers) {
        return fx.tx().chaincode(CC).results(results.pub()).endorsedBy(endorsers).build();
    }

    /** A transaction endorsed by peer0.org1 whose endorser left its private write set in the transient store. */
    private Envelope endorsedAndStored(SimulationResults results) throws Exception {
        Envelope tx = endorsed(results, fx.peer1);
        bed.persistPrivate(ledger, tx, results.pvt());
        return tx;
    }

    private List<TxValidationCode> commit(Envelope... txs) throws Exception {
        return filter(committer.commit(bed.next(ledger, txs)).block());
    }

    private ByteString privateData(String collection, String key) {
        return query(ledger, q -> q.getPrivateData(CC, collection, key));
    }

    private ByteString privateDataHash(String collection, String key) {
        return query(ledger, q -> q.getPrivateDataHash(CC, collection, key));
    }

    private boolean inTransientStore(Envelope tx) throws Exception {
        try (var results = bed.transientStore(ledger).getTxPvtRWSetByTxid(txId(tx), null)) {
            return results.next() != null;
        }
    }

    /** The eligible collections recorded missing in the last block, by transaction number. */
    private Map<Long, List<NsColl>> missingInLastBlock() {
        return ledger.missingPvtDataInfo(1).blocks().getOrDefault(ledger.height() - 1, new TreeMap<>());
    }

    private static ByteString utf8(String s) {
        return ByteString.copyFromUtf8(s);
    }

    @Test
    void aValidTransactionsPrivateWritesFoundInTheTransientStoreAreCommittedAndPurged() throws Exception {
        Envelope tx = endorsedAndStored(privateWrite(ORG1, "k", "secret"));
        assertThat(inTransientStore(tx)).isTrue();

        assertThat(commit(tx)).containsExactly(TxValidationCode.VALID);

        assertThat(privateData(ORG1, "k")).isEqualTo(utf8("secret"));
        List<TxPvtData> stored = ledger.pvtDataByBlockNum(ledger.height() - 1, null);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).seqInBlock()).isZero();
        assertThat(stored.get(0).writeSet().getNsPvtRwset(0).getCollectionPvtRwset(0).getCollectionName()).isEqualTo(ORG1);
        assertThat(missingInLastBlock()).isEmpty();
        assertThat(inTransientStore(tx)).isFalse();
    }

    @Test
    void privateDataOfACollectionThePeerIsNoMemberOfIsNotCommitted() throws Exception {
        Envelope tx = endorsedAndStored(privateWrite(ORG2, "k", "org2 secret"));

        assertThat(commit(tx)).containsExactly(TxValidationCode.VALID);

        assertThat(privateDataHash(ORG2, "k")).isNotNull(); // every peer has the hash
        assertThatThrownBy(() -> privateData(ORG2, "k")).isInstanceOf(LedgerException.class)
                .hasMessageContaining("private data matching public hash version is not available");
        assertThat(ledger.pvtDataByBlockNum(ledger.height() - 1, null)).isEmpty();
        assertThat(missingInLastBlock()).isEmpty(); // missing, but not for this peer to fetch
        assertThat(inTransientStore(tx)).isFalse();
    }

    @Test
    void aWriteSetNotMatchingTheBlocksHashIsNotCommittedAndRecordedMissing() throws Exception {
        SimulationResults endorsed = privateWrite(ORG1, "k", "secret");
        Envelope tx = endorsed(endorsed, fx.peer1);
        bed.persistPrivate(ledger, tx, privateWrite(ORG1, "k", "forged").pvt());

        assertThat(commit(tx)).containsExactly(TxValidationCode.VALID);

        assertThatThrownBy(() -> privateData(ORG1, "k")).isInstanceOf(LedgerException.class);
        assertThat(ledger.pvtDataByBlockNum(ledger.height() - 1, null)).isEmpty();
        assertThat(missingInLastBlock()).containsExactly(Map.entry(0L, List.of(new NsColl(CC, ORG1))));
    }

    @Test
    void ofSeveralEndorsersResultsTheOneMatchingTheHashIsCommitted() throws Exception {
        SimulationResults endorsed = privateWrite(ORG1, "k", "secret");
        Envelope tx = endorsed(endorsed, fx.peer1);
        bed.persistPrivate(ledger, tx, privateWrite(ORG1, "k", "forged").pvt());
        bed.persistPrivate(ledger, tx, endorsed.pvt());

        assertThat(commit(tx)).containsExactly(TxValidationCode.VALID);

        assertThat(privateData(ORG1, "k")).isEqualTo(utf8("secret"));
        assertThat(missingInLastBlock()).isEmpty();
    }

    @Test
    void privateDataMissingFromTheTransientStoreIsRecordedMissingAndTheBlockStillCommits() throws Exception {
        SimulationResults results = simulate(ledger, sim -> {
            sim.setState(CC, "public", utf8("p"));
            sim.setPrivateData(CC, ORG1, "k", utf8("never stored"));
        });
        Envelope stored = endorsedAndStored(privateWrite(ORG1, "other", "stored"));

        assertThat(commit(endorsed(results, fx.peer1), stored)).containsExactly(TxValidationCode.VALID,
                TxValidationCode.VALID);

        assertThat(CommitterTestBed.state(ledger, CC, "public")).isEqualTo(utf8("p"));
        assertThatThrownBy(() -> privateData(ORG1, "k")).isInstanceOf(LedgerException.class);
        assertThat(privateData(ORG1, "other")).isEqualTo(utf8("stored"));
        assertThat(missingInLastBlock()).containsExactly(Map.entry(0L, List.of(new NsColl(CC, ORG1))));
    }

    @Test
    void anInvalidTransactionsPrivateDataIsNotCommittedButIsPurged() throws Exception {
        SimulationResults results = privateWrite(ORG1, "k", "secret");
        Envelope unendorsed = endorsed(results);
        bed.persistPrivate(ledger, unendorsed, results.pvt());

        assertThat(commit(unendorsed)).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);

        assertThat(privateDataHash(ORG1, "k")).isNull();
        assertThat(ledger.pvtDataByBlockNum(ledger.height() - 1, null)).isEmpty();
        assertThat(missingInLastBlock()).isEmpty();
        assertThat(inTransientStore(unendorsed)).isFalse();
    }

    @Test
    void ofTheImplicitOrgCollectionsOnlyThePeersOwnIsCommitted() throws Exception {
        SimulationResults results = simulate(ledger, sim -> {
            sim.setPrivateData(CC, IMPLICIT_ORG1, "k", utf8("org1's"));
            sim.setPrivateData(CC, IMPLICIT_ORG2, "k", utf8("org2's"));
        });
        // each implicit collection's writes need its org's endorsement
        Envelope tx = endorsed(results, fx.peer1, fx.peer2);
        bed.persistPrivate(ledger, tx, results.pvt());

        assertThat(commit(tx)).containsExactly(TxValidationCode.VALID);

        assertThat(privateData(IMPLICIT_ORG1, "k")).isEqualTo(utf8("org1's"));
        assertThat(privateDataHash(IMPLICIT_ORG2, "k")).isNotNull();
        assertThatThrownBy(() -> privateData(IMPLICIT_ORG2, "k")).isInstanceOf(LedgerException.class);
        assertThat(missingInLastBlock()).isEmpty();
    }

    @Test
    void aPeerOfTheOtherOrgKeepsItsOwnCollections() throws Exception {
        BlockCommitter org2Peer = bed.committer(ledger, 1, fx.peer2, PrivateDataSupport.DEFAULT_TRANSIENT_BLOCK_RETENTION);
        Envelope org1 = endorsedAndStored(privateWrite(ORG1, "k", "org1 secret"));
        Envelope org2 = endorsedAndStored(privateWrite(ORG2, "k", "org2 secret"));

        assertThat(filter(org2Peer.commit(bed.next(ledger, org1, org2)).block())).containsExactly(
                TxValidationCode.VALID, TxValidationCode.VALID);

        assertThat(privateData(ORG2, "k")).isEqualTo(utf8("org2 secret"));
        assertThatThrownBy(() -> privateData(ORG1, "k")).isInstanceOf(LedgerException.class);
    }

    @Test
    void privateDataExpiresAfterItsCollectionsBlockToLive() throws Exception {
        Envelope tx = endorsedAndStored(privateWrite(SHORT, "k", "brief"));
        assertThat(commit(tx)).containsExactly(TxValidationCode.VALID);
        long block = ledger.height() - 1;
        assertThat(ledger.pvtDataByBlockNum(block, null)).hasSize(1);

        assertThat(commit(bed.writes(write("a", "1")))).containsExactly(TxValidationCode.VALID);
        assertThat(ledger.pvtDataByBlockNum(block, null)).hasSize(1);
        assertThat(commit(bed.writes(write("a", "2")))).containsExactly(TxValidationCode.VALID);
        assertThat(ledger.pvtDataByBlockNum(block, null)).isEmpty(); // committed in b, gone once b + btl + 1 is
    }

    @Test
    void resultsOfTransactionsThatNeverCommitArePurgedEveryRetentionBlocks() throws Exception {
        committer = bed.committer(ledger, 1, fx.peer1, 2);
        assertThat(ledger.height()).isEqualTo(2);
        Envelope orphan = endorsedAndStored(privateWrite(ORG1, "k", "never ordered")); // received at height 2

        for (int block = 2; block <= 5; block++) { // block 4 purges below height 2
            assertThat(commit(bed.writes(write("a", "v" + block)))).containsExactly(TxValidationCode.VALID);
            assertThat(inTransientStore(orphan)).as("after block %d", block).isTrue();
        }
        assertThat(commit(bed.writes(write("a", "v6")))).containsExactly(TxValidationCode.VALID);
        assertThat(inTransientStore(orphan)).as("block 6 purges below height 4").isFalse();
    }
}
