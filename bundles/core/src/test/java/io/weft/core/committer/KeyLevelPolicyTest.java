package io.weft.core.committer;

import static io.weft.core.committer.CommitterTestBed.CC;
import static io.weft.core.committer.CommitterTestBed.filter;
import static io.weft.core.committer.CommitterTestBed.rw;
import static io.weft.core.committer.CommitterTestBed.state;
import static io.weft.core.committer.CommitterTestBed.validationParameter;
import static io.weft.core.committer.CommitterTestBed.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWriteHash;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.CollectionPolicyConfig;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.api.storage.StorageProvider;
import io.weft.ledger.KvLedger;
import io.weft.msp.MspSigningIdentity;
import io.weft.policies.PolicyDsl;
import io.weft.protoutil.Hashing;

/**
 * State-based endorsement through the real DefaultValidation plugin (Fabric's v2.0 key-level validation): a key
 * whose VALIDATION_PARAMETER metadata holds a signature policy is governed by that policy instead of the
 * chaincode's; a key whose parameter a valid earlier transaction of the block updated cannot be validated
 * (ValidationParameterUpdatedError → ENDORSEMENT_POLICY_FAILURE); collection writes use the collection's
 * endorsement policy; writes to a collection the definition lacks fail.
 */
class KeyLevelPolicyTest {

    private static final String BOTH = "AND('Org1MSP.peer','Org2MSP.peer')";
    private static final String ORG2 = "OR('Org2MSP.peer')";

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
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    /**
     * mycc with any org's peer as its chaincode policy, keys k, j and m written (metadata is only ever set on a key
     * that exists in state).
     */
    private void open() throws Exception {
        ledger = bed.ledger("l");
        committer = bed.committer(ledger, 4);
        assertThat(commit(tx(writes(write("k", "v0"), write("j", "j0"), write("m", "m0")), fx.peer1)))
                .containsExactly(TxValidationCode.VALID);
    }

    private Envelope tx(KVRWSet kv, MspSigningIdentity... endorsers) {
        return fx.tx().chaincode(CC).results(rw(kv)).endorsedBy(endorsers).build();
    }

    private static KVRWSet writes(KVWrite... w) {
        return KVRWSet.newBuilder().addAllWrites(List.of(w)).build();
    }

    private static KVRWSet setPolicy(String key, String dsl) {
        return KVRWSet.newBuilder().addMetadataWrites(validationParameter(key, dsl)).build();
    }

    private List<TxValidationCode> commit(Envelope... txs) throws Exception {
        return filter(committer.commit(bed.next(ledger, txs)).block());
    }

    private ByteString committedPolicy(String key) {
        var q = ledger.newQueryExecutor("q");
        try {
            Map<String, ByteString> md = q.getStateMetadata(CC, key);
            return md == null ? null : md.get("VALIDATION_PARAMETER");
        } finally {
            q.done();
        }
    }

    @Test
    void aKeysValidationParameterReplacesTheChaincodePolicy() throws Exception {
        open();
        // setting the parameter is itself a write to k: k has no key policy yet, so mycc's policy applies
        assertThat(commit(tx(setPolicy("k", BOTH), fx.peer1)))
                .containsExactly(TxValidationCode.VALID);
        assertThat(committedPolicy("k")).isEqualTo(PolicyDsl.parse(BOTH).toByteString());

        assertThat(commit(
                tx(writes(write("k", "v1")), fx.peer1), // enough for mycc, not for k
                tx(writes(write("k", "v2")), fx.peer1, fx.peer2),
                tx(writes(write("j", "v3")), fx.peer1))) // j has no key policy
                .containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID,
                        TxValidationCode.VALID);
        assertThat(state(ledger, CC, "k")).isEqualTo(ByteString.copyFromUtf8("v2"));

        // changing k's parameter also needs k's current policy
        assertThat(commit(tx(setPolicy("k", ORG2), fx.peer1), tx(setPolicy("j", ORG2), fx.peer1)))
                .containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID);
        assertThat(committedPolicy("k")).isEqualTo(PolicyDsl.parse(BOTH).toByteString());
        // a key policy can also be stricter in another way: j now needs Org2's peer, Org1's no longer does
        assertThat(commit(tx(writes(write("j", "x")), fx.peer1), tx(writes(write("j", "y")), fx.peer2)))
                .containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID);
    }

    @Test
    void aParameterUpdatedByAValidEarlierTxOfTheBlockInvalidatesLaterWritersOfTheKey() throws Exception {
        open();
        assertThat(commit(tx(setPolicy("k", BOTH), fx.peer1))).containsExactly(TxValidationCode.VALID);

        // A (valid under k's policy) changes k's parameter; B, endorsed well enough for both the old and the new
        // policy, writes k later in the block: Fabric's ValidationParameterUpdatedError; C writes another key
        Envelope a = tx(setPolicy("k", ORG2), fx.peer1, fx.peer2);
        Envelope b = tx(writes(write("k", "b")), fx.peer1, fx.peer2);
        Envelope c = tx(writes(write("j", "c")), fx.peer1);
        assertThat(commit(a, b, c)).containsExactly(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                TxValidationCode.VALID);
        assertThat(committedPolicy("k")).isEqualTo(PolicyDsl.parse(ORG2).toByteString());
        assertThat(state(ledger, CC, "k")).isEqualTo(ByteString.copyFromUtf8("v0"));

        // a writer before the update is judged on the committed policy
        Envelope early = tx(writes(write("k", "early")), fx.peer2);
        Envelope update = tx(setPolicy("k", BOTH), fx.peer2);
        assertThat(commit(early, update)).containsExactly(TxValidationCode.VALID, TxValidationCode.VALID);
        assertThat(state(ledger, CC, "k")).isEqualTo(ByteString.copyFromUtf8("early"));
    }

    @Test
    void anInvalidEarlierUpdateLeavesLaterWritersJudgedOnTheCommittedPolicy() throws Exception {
        open();
        assertThat(commit(tx(setPolicy("k", BOTH), fx.peer1))).containsExactly(TxValidationCode.VALID);

        Envelope a = tx(setPolicy("k", ORG2)); // no endorsement: invalid, its update never happens
        Envelope b = tx(writes(write("k", "b")), fx.peer1, fx.peer2); // satisfies the committed AND
        Envelope b2 = tx(writes(write("k", "b2")), fx.peer2); // would satisfy only the update that failed
        assertThat(commit(a, b, b2)).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(state(ledger, CC, "k")).isEqualTo(ByteString.copyFromUtf8("b"));
        assertThat(committedPolicy("k")).isEqualTo(PolicyDsl.parse(BOTH).toByteString());
    }

    // ---- collections

    private static NsReadWriteSet.Builder withHashedWrite(NsReadWriteSet.Builder ns, String collection, String key) {
        HashedRWSet hashed = HashedRWSet.newBuilder().addHashedWrites(KVWriteHash.newBuilder()
                .setKeyHash(ByteString.copyFrom(Hashing.sha256(ByteString.copyFromUtf8(key))))
                .setValueHash(ByteString.copyFrom(Hashing.sha256(ByteString.copyFromUtf8("secret"))))).build();
        return ns.addCollectionHashedRwset(CollectionHashedReadWriteSet.newBuilder().setCollectionName(collection)
                .setHashedRwset(hashed.toByteString()));
    }

    private Envelope privateWrite(String collection, MspSigningIdentity... endorsers) {
        NsReadWriteSet.Builder ns = NsReadWriteSet.newBuilder().setNamespace(CC)
                .setRwset(KVRWSet.getDefaultInstance().toByteString());
        TxReadWriteSet rws = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(withHashedWrite(ns, collection, "p")).build();
        return fx.tx().chaincode(CC).results(rws).endorsedBy(endorsers).build();
    }

    @Test
    void collectionWritesNeedTheCollectionsEndorsementPolicyAndUndefinedCollectionsFail() throws Exception {
        ByteString ccPolicy = CommitterFixtures.signaturePolicy("OR('Org1MSP.peer')");
        StaticCollectionConfig coll = StaticCollectionConfig.newBuilder().setName("coll")
                .setMemberOrgsPolicy(CollectionPolicyConfig.newBuilder()
                        .setSignaturePolicy(PolicyDsl.parse("OR('Org1MSP.member','Org2MSP.member')")))
                .setRequiredPeerCount(0).setMaximumPeerCount(1)
                .setEndorsementPolicy(ApplicationPolicy.newBuilder().setSignaturePolicy(PolicyDsl.parse(ORG2)))
                .build();
        StaticCollectionConfig plain = StaticCollectionConfig.newBuilder().setName("plain")
                .setMemberOrgsPolicy(coll.getMemberOrgsPolicy()).setMaximumPeerCount(1).build();
        CollectionConfigPackage collections = CollectionConfigPackage.newBuilder()
                .addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(coll))
                .addConfig(CollectionConfig.newBuilder().setStaticCollectionConfig(plain)).build();
        ledger = bed.ledger(StorageProvider.MEMORY, "l", Map.of(CC, ccPolicy), collections);
        committer = bed.committer(ledger, 4);

        assertThat(commit(
                privateWrite("coll", fx.peer1), // satisfies mycc's policy, not coll's
                privateWrite("coll", fx.peer2), // coll's policy alone governs the write
                privateWrite("plain", fx.peer1), // no collection policy: mycc's
                privateWrite("plain", fx.peer2),
                privateWrite("undefined", fx.peer1, fx.peer2))) // not in the definition
                .containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID,
                        TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                        TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    /** Key-level metadata writes also reach state: the parameter a metadata-only tx sets is the one committed. */
    @Test
    void aMetadataOnlyWriteCommitsTheParameter() throws Exception {
        open();
        KVMetadataWrite w = validationParameter("m", ORG2);
        assertThat(commit(tx(KVRWSet.newBuilder().addMetadataWrites(w).build(), fx.peer1)))
                .containsExactly(TxValidationCode.VALID);
        assertThat(committedPolicy("m")).isEqualTo(w.getEntries(0).getValue());
    }
}
