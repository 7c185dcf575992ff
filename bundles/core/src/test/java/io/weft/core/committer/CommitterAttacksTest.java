package io.weft.core.committer;

import static io.weft.core.committer.CommitterTestBed.CC;
import static io.weft.core.committer.CommitterTestBed.filter;
import static io.weft.core.committer.CommitterTestBed.rw;
import static io.weft.core.committer.CommitterTestBed.state;
import static io.weft.core.committer.CommitterTestBed.txId;
import static io.weft.core.committer.CommitterTestBed.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;

import io.weft.api.storage.StorageProvider;
import io.weft.ledger.KvLedger;
import io.weft.protoutil.BlockHashes;

/** Regression tests for known attacks on a peer's committer. */
class CommitterAttacksTest {

    private static final String BOTH_ORGS = "bothorgs"; // AND('Org1MSP.peer','Org2MSP.peer')
    private static final String TWO_OF_ORG1 = "twoorg1"; // OutOf(2,'Org1MSP.peer','Org1MSP.peer')
    private static final String DEEP = "deep"; // a signature policy nested 10,000 gates deep
    private static final int DEPTH = 10_000;
    private static final String NESTED = "nested"; // the same nested 2,000 deep: decodable by Fabric and Weft

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
        Map<String, ByteString> chaincodes = new LinkedHashMap<>();
        chaincodes.put(CC, CommitterFixtures.signaturePolicy(CommitterTestBed.ANY_PEER));
        chaincodes.put(BOTH_ORGS, CommitterFixtures.signaturePolicy("AND('Org1MSP.peer','Org2MSP.peer')"));
        chaincodes.put(TWO_OF_ORG1, CommitterFixtures.signaturePolicy("OutOf(2,'Org1MSP.peer','Org1MSP.peer')"));
        chaincodes.put(DEEP, deeplyNestedApplicationPolicy(DEPTH));
        chaincodes.put(NESTED, deeplyNestedApplicationPolicy(2_000));
        ledger = bed.ledger(StorageProvider.LEVELDB, "l", chaincodes, CollectionConfigPackage.getDefaultInstance());
        committer = bed.committer(ledger, 4);
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    private Envelope writer(String cc, String key, io.weft.msp.MspSigningIdentity... endorsers) {
        return fx.tx().chaincode(cc).results(rw(cc, KVRWSet.newBuilder().addWrites(write(key, "v")).build()))
                .endorsedBy(endorsers).build();
    }

    private List<TxValidationCode> commit(Envelope... txs) throws Exception {
        return filter(committer.commit(bed.next(ledger, txs)).block());
    }

    // ---- CVE-2023-46132: block data crosslinking

    /**
     * Fabric's data hash is SHA-256 over the concatenated entries, so re-splitting the same bytes into other entries
     * keeps the header valid. VerifyTransactionsAreWellFormed (the CVE-2023-46132 fix) requires each entry to be the
     * canonical encoding of the Envelope it decodes to: the forged block is refused and nothing commits.
     */
    @Test
    void crosslinkedBlockDataIsRefused() throws Exception {
        Envelope tx0 = bed.writes(write("x0", "0"));
        Envelope tx1 = bed.writes(write("x1", "1"));
        Envelope tx2 = bed.writes(write("x2", "2"));
        ByteString b0 = tx0.toByteString();
        ByteString b1 = tx1.toByteString();
        ByteString b2 = tx2.toByteString();

        // (a) protobuf field merge: tx0 ‖ tx1 decodes as one Envelope (the last payload and signature win: tx1's,
        // validly signed), so block [tx0‖tx1, tx2] carries tx1 where tx0 was ordered
        assertRefused(List.of(b0.concat(b1), b2), List.of(b0, b1, b2), "transaction 0 has " + b0.size()
                + " trailing bytes");

        // (b) the tail of tx0 (its signature field) moved to the front of tx1: entry 1 still decodes as tx1 (the
        // later signature field wins), entry 0 lost its signature
        int sigField = b0.size() - signatureFieldLength(tx0);
        assertRefused(List.of(b0.substring(0, sigField), b0.substring(sigField).concat(b1), b2), List.of(b0, b1, b2),
                "transaction 0 has no signature");

        // (c) a non-canonical encoding of tx1 alone (signature field first), same length and txids: refused too
        int sig1 = b1.size() - signatureFieldLength(tx1);
        ByteString reordered = b1.substring(sig1).concat(b1.substring(0, sig1));
        assertThat(Envelope.parseFrom(reordered)).isEqualTo(tx1);
        Block forged = bed.nextOf(ledger, b0, reordered, b2);
        assertThatThrownBy(() -> committer.commit(forged)).isInstanceOf(BlockVerificationException.class)
                .hasMessageStartingWith("transaction 1 (");
        assertThat(ledger.height()).isEqualTo(2);

        // the canonical block still commits
        assertThat(filter(committer.commit(bed.nextOf(ledger, b0, b1, b2)).block())).containsOnly(TxValidationCode.VALID)
                .hasSize(3);
        assertThat(state(ledger, CC, "x0")).isEqualTo(ByteString.copyFromUtf8("0"));
    }

    /** Re-signs the forged split as an orderer would; its data hash equals the canonical block's. */
    private void assertRefused(List<ByteString> forgedData, List<ByteString> canonical, String message) throws Exception {
        assertThat(BlockHashes.dataHash(BlockData.newBuilder().addAllData(forgedData).build()))
                .isEqualTo(BlockHashes.dataHash(BlockData.newBuilder().addAllData(canonical).build()));
        Block forged = bed.nextOf(ledger, forgedData.toArray(ByteString[]::new));
        assertThatThrownBy(() -> committer.commit(forged)).isInstanceOf(BlockVerificationException.class)
                .hasMessage(message);
        assertThat(ledger.height()).isEqualTo(2);
        assertThat(ledger.stateHeight()).isEqualTo(2);
        for (ByteString b : canonical) {
            assertThat(ledger.blocks().txExists(txId(Envelope.parseFrom(b)))).isFalse();
        }
    }

    /** Bytes of the Envelope's signature field (tag, length, value), which the encoding writes last. */
    private static int signatureFieldLength(Envelope env) {
        return CodedOutputStream.computeBytesSize(Envelope.SIGNATURE_FIELD_NUMBER, env.getSignature());
    }

    // ---- duplicate endorsements

    /**
     * Fabric deduplicates the signature set by identity before evaluating a policy: two endorsements by peer0.org1
     * count once, so they satisfy neither AND(Org1 peer, Org2 peer) nor OutOf(2, Org1 peer, Org1 peer).
     */
    @Test
    void duplicateEndorsementsFromOneIdentityCountOnce() throws Exception {
        assertThat(commit(bed.writes(write("ok", "1")), writer(BOTH_ORGS, "a", fx.peer1, fx.peer1),
                writer(TWO_OF_ORG1, "b", fx.peer1, fx.peer1), writer(BOTH_ORGS, "c", fx.peer1, fx.peer2)))
                .containsExactly(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
                        TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID);
        assertThat(state(ledger, BOTH_ORGS, "a")).isNull();
        assertThat(state(ledger, TWO_OF_ORG1, "b")).isNull();
        assertThat(state(ledger, BOTH_ORGS, "c")).isEqualTo(ByteString.copyFromUtf8("v"));
    }

    // ---- replay on another channel

    /**
     * A transaction is bound to its channel: the creator signed a header naming "otherchannel". In a mychannel block
     * the creator is judged by no MSP (Weft: BAD_CREATOR_SIGNATURE, "channel doesn't exist"); rewriting the header's
     * channel breaks the creator's signature; and even a re-signed header no longer matches the proposal hash the
     * endorsers signed.
     */
    @Test
    void aTransactionReplayedOnAnotherChannelIsNotValid() throws Exception {
        Envelope other = fx.tx().channel("otherchannel").chaincode(CC)
                .results(rw(KVRWSet.newBuilder().addWrites(write("replayed", "1")).build())).endorsedBy(fx.peer1).build();
        Payload payload = Payload.parseFrom(other.getPayload());
        ChannelHeader chdr = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
        Payload edited = payload.toBuilder().setHeader(payload.getHeader().toBuilder().setChannelHeader(
                chdr.toBuilder().setChannelId(CommitterFixtures.CHANNEL).build().toByteString())).build();
        Envelope editedKeepingSignature = other.toBuilder().setPayload(edited.toByteString()).build();
        Envelope editedAndResigned = fx.sign(edited); // only the creator (User1) could do this

        assertThat(commit(bed.writes(write("ok", "1")), other, editedKeepingSignature, editedAndResigned))
                .containsExactly(TxValidationCode.VALID, TxValidationCode.BAD_CREATOR_SIGNATURE,
                        TxValidationCode.BAD_CREATOR_SIGNATURE, TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        assertThat(state(ledger, CC, "replayed")).isNull();
    }

    // ---- deeply nested policies

    /**
     * A chaincode whose endorsement policy nests NOutOf gates 10,000 deep. Go's protobuf decoder stops at 10,000
     * nested messages (each gate is two: SignaturePolicy and NOutOf), and Weft decodes policies with the same limit
     * (protobuf-java's default of 100 would refuse policies Fabric evaluates), so Fabric and Weft both fail to
     * decode this one, a policy error: ENDORSEMENT_POLICY_FAILURE, no StackOverflowError, and the committer goes on.
     * A policy 2,000 gates deep decodes and is evaluated on both, on the validators' deep stacks.
     */
    @Test
    void aDeeplyNestedPolicyGivesACodeAndTheCommitterKeepsWorking() throws Exception {
        assertThat(commit(bed.writes(write("ok", "1")), writer(DEEP, "k", fx.peer1, fx.peer2)))
                .containsExactly(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(commit(bed.writes(write("ok", "2")), writer(CC, "k", fx.peer1)))
                .containsExactly(TxValidationCode.VALID, TxValidationCode.VALID);
        assertThat(state(ledger, CC, "k")).isEqualTo(ByteString.copyFromUtf8("v"));
        // a policy nested 2,000 deep decodes and is evaluated: peer0.org1 satisfies it, no endorsement does not
        assertThat(commit(writer(NESTED, "n", fx.peer1), writer(NESTED, "m")))
                .containsExactly(TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    /**
     * The policy language is parsed without unbounded recursion either: a 10,000-deep DSL string is refused with
     * an IllegalArgumentException (Fabric: expr-lang's 10,000-node budget), not a StackOverflowError.
     */
    @Test
    void aDeeplyNestedDslIsRefusedWithoutStackOverflow() {
        String dsl = "OR(".repeat(DEPTH) + "'Org1MSP.peer'" + ")".repeat(DEPTH);
        assertThatThrownBy(() -> io.weft.policies.PolicyDsl.parse(dsl)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * {@code ApplicationPolicy{signature_policy: {rule: OutOf(1, OutOf(1, ... SignedBy(0)))}}} with {@code depth}
     * gates, encoded inside out so that neither building nor serializing recurses.
     */
    static ByteString deeplyNestedApplicationPolicy(int depth) {
        ByteString rule = field(1, ByteString.EMPTY, 0); // SignaturePolicy{signed_by: 0}
        for (int i = 0; i < depth; i++) {
            ByteString nOutOf = field(1, ByteString.EMPTY, 1).concat(field(2, rule, -1)); // NOutOf{n: 1, rules: [rule]}
            rule = field(2, nOutOf, -1); // SignaturePolicy{n_out_of}
        }
        MSPPrincipal principal = MSPPrincipal.newBuilder().setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder().setMspIdentifier("Org1MSP").setRole(MSPRole.MSPRoleType.PEER).build()
                        .toByteString())
                .build();
        ByteString envelope = field(2, rule, -1).concat(field(3, principal.toByteString(), -1));
        return field(1, envelope, -1); // ApplicationPolicy{signature_policy}
    }

    /** One protobuf field: a varint {@code value} when it is not negative, else the length-delimited {@code bytes}. */
    private static ByteString field(int number, ByteString bytes, long value) {
        try {
            ByteString.Output out = ByteString.newOutput();
            CodedOutputStream c = CodedOutputStream.newInstance(out);
            if (value >= 0) {
                c.writeUInt64(number, value);
                c.flush();
                return out.toByteString();
            }
            c.writeTag(number, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            c.writeUInt32NoTag(bytes.size());
            c.flush();
            return out.toByteString().concat(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
