package io.weft.core.committer;

import static io.weft.core.committer.CommitterTestBed.CC;
import static io.weft.core.committer.CommitterTestBed.filter;
import static io.weft.core.committer.CommitterTestBed.read;
import static io.weft.core.committer.CommitterTestBed.rw;
import static io.weft.core.committer.CommitterTestBed.state;
import static io.weft.core.committer.CommitterTestBed.txId;
import static io.weft.core.committer.CommitterTestBed.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.weft.ledger.KvLedger;

/**
 * Every code the v2.0 validator assigns (Fabric's {@code txvalidator/v20} and its plugin dispatcher, the ledger's
 * MVCC check), each for an offending transaction committed after a VALID one in the same block. Identities are the
 * vector ones: User1 creates, peer0.org1/peer0.org2 endorse, the orderer signs blocks.
 */
class ValidationCodesTest {

    private static final ByteString GARBAGE = ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01});

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
        ledger = bed.ledger("l");
        committer = bed.committer(ledger, 4);
    }

    @AfterEach
    void tearDown() throws Exception {
        bed.close();
    }

    private Envelope valid() {
        return bed.writes(write("ok", "1"));
    }

    /** An endorsed writer of mycc shaped by {@code edit}. */
    private Envelope tx(UnaryOperator<EndorsedTx> edit) {
        return edit.apply(fx.tx().chaincode(CC).results(rw(KVRWSet.newBuilder().addWrites(write("bad", "1")).build()))
                .endorsedBy(fx.peer1)).build();
    }

    private List<TxValidationCode> commit(Envelope... txs) throws Exception {
        return filter(committer.commit(bed.next(ledger, txs)).block());
    }

    private List<TxValidationCode> commitRaw(ByteString... data) throws Exception {
        return filter(committer.commit(bed.nextOf(ledger, data)).block());
    }

    /** Commits [VALID tx, offender] and checks the offender's code; its write never reaches state. */
    private void assertCode(Envelope offender, TxValidationCode expected) throws Exception {
        assertThat(commit(valid(), offender)).containsExactly(TxValidationCode.VALID, expected);
        assertThat(state(ledger, CC, "bad")).isNull();
    }

    @Test
    void validTransaction() throws Exception {
        assertThat(commit(valid(), tx(t -> t))).containsExactly(TxValidationCode.VALID, TxValidationCode.VALID);
        assertThat(state(ledger, CC, "bad")).isEqualTo(ByteString.copyFromUtf8("1"));
    }

    /**
     * NIL_ENVELOPE is unreachable: a block data entry is never nil once the block decodes, and an empty entry (an
     * Envelope without payload) is refused by VerifyTransactionsAreWellFormed before validation ("transaction 1 has
     * no payload"), in Fabric as in Weft. The whole block is refused and nothing commits.
     */
    @Test
    void nilEnvelopeIsUnreachableAnEmptyEntryRefusesTheBlock() throws Exception {
        Block block = bed.nextOf(ledger, valid().toByteString(), ByteString.EMPTY);
        assertThatThrownBy(() -> committer.commit(block)).isInstanceOf(BlockVerificationException.class)
                .hasMessage("transaction 1 has no payload");
        assertThat(ledger.height()).isEqualTo(2);
        // TxChecker still maps a nil envelope to NIL_ENVELOPE, as Fabric's ValidateTransaction does
        assertThat(new TxChecker(fx.deserializers(), id -> false).check((Envelope) null).code())
                .isEqualTo(TxValidationCode.NIL_ENVELOPE);
    }

    /** Envelope bytes that do not decode: VerifyTransactionsAreWellFormed refuses the block ("is invalid"). */
    @Test
    void unparsableEnvelopeBytesRefuseTheBlock() throws Exception {
        Block block = bed.nextOf(ledger, valid().toByteString(), GARBAGE);
        assertThatThrownBy(() -> committer.commit(block)).isInstanceOf(BlockVerificationException.class)
                .hasMessageStartingWith("transaction 1 is invalid");
        assertThat(ledger.height()).isEqualTo(2);
        // the validator's own rule, reached only by a block that skipped verification: INVALID_OTHER_REASON
        assertThat(new TxChecker(fx.deserializers(), id -> false).check(GARBAGE).code())
                .isEqualTo(TxValidationCode.INVALID_OTHER_REASON);
    }

    /** UnmarshalPayload fails → BAD_PAYLOAD. */
    @Test
    void badPayload() throws Exception {
        assertCode(Envelope.newBuilder().setPayload(GARBAGE).setSignature(ByteString.copyFromUtf8("s")).build(),
                TxValidationCode.BAD_PAYLOAD);
    }

    /** validateCommonHeader: nil header, epoch ≠ 0, a type other than ENDORSER_TRANSACTION/CONFIG_UPDATE/CONFIG. */
    @Test
    void badCommonHeader() throws Exception {
        assertCode(fx.sign(Payload.newBuilder().setData(ByteString.copyFromUtf8("d")).build()),
                TxValidationCode.BAD_COMMON_HEADER);
        assertCode(tx(t -> t.editHeader(h -> h.setEpoch(1))), TxValidationCode.BAD_COMMON_HEADER);
        assertCode(tx(t -> t.editHeader(h -> h.setType(HeaderType.MESSAGE_VALUE))), TxValidationCode.BAD_COMMON_HEADER);
    }

    /** checkSignatureFromCreator: the envelope signature must verify under the creator's identity. */
    @Test
    void badCreatorSignature() throws Exception {
        Envelope good = tx(t -> t);
        assertCode(good.toBuilder().setSignature(ByteString.copyFrom(fx.peer1.sign(good.getPayload().toByteArray())))
                .build(), TxValidationCode.BAD_CREATOR_SIGNATURE); // signed by someone else
    }

    /** validateEndorserTransaction: exactly one action whose proposal hash matches the headers. */
    @Test
    void invalidEndorserTransaction() throws Exception {
        assertCode(fx.endorserTx(CommitterFixtures.CHANNEL, UnaryOperator.identity(),
                t -> t.addActions(t.getActions(0))), TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        // the proposal hash covers the chaincode proposal payload: a payload other than the endorsed one
        assertCode(fx.endorserTx(CommitterFixtures.CHANNEL, UnaryOperator.identity(), t -> {
            try {
                org.hyperledger.fabric.protos.peer.ChaincodeActionPayload cap =
                        org.hyperledger.fabric.protos.peer.ChaincodeActionPayload.parseFrom(t.getActions(0).getPayload());
                return t.setActions(0, t.getActions(0).toBuilder().setPayload(cap.toBuilder()
                        .setChaincodeProposalPayload(ByteString.copyFromUtf8("other input")).build().toByteString()));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }), TxValidationCode.INVALID_ENDORSER_TRANSACTION);
    }

    /** A CONFIG_UPDATE envelope passes the common header check but is no supported payload type on a peer. */
    @Test
    void unsupportedTxPayload() throws Exception {
        assertCode(fx.typedTx(HeaderType.CONFIG_UPDATE_VALUE, ByteString.copyFromUtf8("update")),
                TxValidationCode.UNSUPPORTED_TX_PAYLOAD);
    }

    /** CheckTxID: the txid must be hex(sha256(nonce ‖ creator)). */
    @Test
    void badProposalTxId() throws Exception {
        assertCode(tx(t -> t.editHeader(h -> h.setTxId("not-the-hash"))), TxValidationCode.BAD_PROPOSAL_TXID);
    }

    /** markTXIdDuplicates within the block, and the ledger's txid index for later blocks. */
    @Test
    void duplicateTxIdInTheBlockAndAgainstTheLedger() throws Exception {
        Envelope tx = tx(t -> t);
        assertThat(commit(valid(), tx, tx)).containsExactly(TxValidationCode.VALID, TxValidationCode.VALID,
                TxValidationCode.DUPLICATE_TXID);
        assertThat(commit(valid(), tx)).containsExactly(TxValidationCode.VALID, TxValidationCode.DUPLICATE_TXID);
        assertThat(ledger.blocks().txStatus(txId(tx)).orElseThrow().blockNumber()).isEqualTo(2);
    }

    /** The plugin's policy error: no endorsement cannot satisfy OR('Org1MSP.peer','Org2MSP.peer'). */
    @Test
    void endorsementPolicyFailure() throws Exception {
        assertCode(tx(t -> t.endorsedBy()), TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        // an endorsement whose signature does not verify is dropped from the signature set
        assertCode(tx(t -> t.endorsedBy().extraEndorsement(org.hyperledger.fabric.protos.peer.Endorsement.newBuilder()
                .setEndorser(fx.peer1.serialize()).setSignature(ByteString.copyFromUtf8("forged")).build())),
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    }

    /** A read version that differs from committed state (or from an earlier valid tx of the block). */
    @Test
    void mvccReadConflict() throws Exception {
        assertThat(commit(bed.writes(write("k", "1")))).containsExactly(TxValidationCode.VALID); // k at (2,0)
        assertCode(tx(t -> t.results(rw(KVRWSet.newBuilder().addReads(read("k", 1, 0)).addWrites(write("bad", "1"))
                .build()))), TxValidationCode.MVCC_READ_CONFLICT);
        // the valid tx of this block writes k first: a reader of (2,0) after it conflicts too
        assertThat(commit(bed.writes(write("k", "2")), tx(t -> t.results(rw(KVRWSet.newBuilder()
                .addReads(read("k", 2, 0)).addWrites(write("bad", "1")).build())))))
                .containsExactly(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
    }

    /** A range query re-executed at commit returns a key inserted into the range since simulation. */
    @Test
    void phantomReadConflict() throws Exception {
        assertThat(commit(bed.writes(write("r1", "a"), write("r3", "c")))).containsExactly(TxValidationCode.VALID);
        UnaryOperator<EndorsedTx> rangeReader = t -> t.results(rw(KVRWSet.newBuilder()
                .addRangeQueriesInfo(RangeQueryInfo.newBuilder().setStartKey("r0").setEndKey("r9").setItrExhausted(true)
                        .setRawReads(QueryReads.newBuilder().addKvReads(read("r1", 2, 0)).addKvReads(read("r3", 2, 0))))
                .addWrites(write("bad", "1")).build()));
        // the recorded reads still match
        assertThat(commit(valid(), tx(rangeReader))).containsExactly(TxValidationCode.VALID,
                TxValidationCode.VALID);
        // r2 is inserted by the valid tx before it: the re-run range has a result the simulation did not see
        assertThat(commit(bed.writes(write("r2", "b")), tx(rangeReader)))
                .containsExactly(TxValidationCode.VALID, TxValidationCode.PHANTOM_READ_CONFLICT);
        assertThat(state(ledger, CC, "r2")).isEqualTo(ByteString.copyFromUtf8("b"));
    }

    /** The channel header's extension must decode as a ChaincodeHeaderExtension. */
    @Test
    void badHeaderExtension() throws Exception {
        assertCode(tx(t -> t.headerExtension(GARBAGE)), TxValidationCode.BAD_HEADER_EXTENSION);
    }

    /** GetActionFromEnvelope: the response payload's extension must decode as a ChaincodeAction. */
    @Test
    void badResponsePayload() throws Exception {
        assertCode(tx(t -> t.responseExtension(GARBAGE)), TxValidationCode.BAD_RESPONSE_PAYLOAD);
    }

    /** The action's results must decode as a TxReadWriteSet (and each namespace's KVRWSet). */
    @Test
    void badRwSet() throws Exception {
        assertCode(tx(t -> t.rawResults(GARBAGE)), TxValidationCode.BAD_RWSET);
        assertCode(tx(t -> t.rawResults(TxReadWriteSet.newBuilder().addNsRwset(NsReadWriteSet.newBuilder()
                .setNamespace(CC).setRwset(GARBAGE)).build().toByteString())), TxValidationCode.BAD_RWSET);
    }

    /** A namespace appearing twice in the read-write set. */
    @Test
    void illegalWriteSet() throws Exception {
        NsReadWriteSet ns = NsReadWriteSet.newBuilder().setNamespace(CC)
                .setRwset(KVRWSet.newBuilder().addWrites(write("bad", "1")).build().toByteString()).build();
        assertCode(tx(t -> t.results(TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(ns).addNsRwset(ns).build())), TxValidationCode.ILLEGAL_WRITESET);
    }

    /** Chaincode id sanity checks and the definition lookup of every written namespace. */
    @Test
    void invalidChaincode() throws Exception {
        assertCode(tx(t -> t.chaincode("undefined")), TxValidationCode.INVALID_CHAINCODE);
        assertCode(tx(t -> t.chaincode("")), TxValidationCode.INVALID_CHAINCODE); // "invalid chaincode ID"
        assertCode(tx(t -> t.actionChaincode("other")), TxValidationCode.INVALID_CHAINCODE); // inconsistent ccid
        assertCode(tx(t -> t.version("")), TxValidationCode.INVALID_CHAINCODE); // invalid chaincode version
        // under V2_0 lscc holds no definition of itself (or of anything): writing lscc is INVALID_CHAINCODE
        TxReadWriteSet lsccWrite = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(CC)
                        .setRwset(KVRWSet.newBuilder().addWrites(write("bad", "1")).build().toByteString()))
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace("lscc")
                        .setRwset(KVRWSet.newBuilder().addWrites(write("mycc", "forged")).build().toByteString()))
                .build();
        assertCode(tx(t -> t.results(lsccWrite)), TxValidationCode.INVALID_CHAINCODE);
        assertThat(state(ledger, "lscc", "mycc")).isNull();
        // a read-only namespace needs no definition
        TxReadWriteSet readsUndefined = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(CC)
                        .setRwset(KVRWSet.newBuilder().addWrites(write("fine", "1")).build().toByteString()))
                .addNsRwset(NsReadWriteSet.newBuilder().setNamespace("undefined")
                        .setRwset(KVRWSet.newBuilder().addReads(read("x", 0, 0).toBuilder().clearVersion()).build()
                                .toByteString()))
                .build();
        assertThat(commit(valid(), tx(t -> t.results(readsUndefined)))).containsExactly(TxValidationCode.VALID,
                TxValidationCode.VALID);
    }

    /** Nil chaincode ids and a chaincode event that is undecodable or names another chaincode. */
    @Test
    void invalidOtherReason() throws Exception {
        assertCode(tx(t -> t.noHeaderChaincodeId()), TxValidationCode.INVALID_OTHER_REASON);
        assertCode(tx(t -> t.noActionChaincodeId()), TxValidationCode.INVALID_OTHER_REASON);
        assertCode(tx(t -> t.events(ChaincodeEvent.newBuilder().setChaincodeId("other").setEventName("e").build()
                .toByteString())), TxValidationCode.INVALID_OTHER_REASON);
        assertCode(tx(t -> t.events(GARBAGE)), TxValidationCode.INVALID_OTHER_REASON);
        // an event of the invoked chaincode is fine
        assertThat(commit(valid(), tx(t -> t.events(ChaincodeEvent.newBuilder().setChaincodeId(CC).setEventName("e")
                .build().toByteString())))).containsExactly(TxValidationCode.VALID, TxValidationCode.VALID);
    }

    /**
     * EXPIRED_CHAINCODE is never assigned by Fabric's v2.0 validator: the dispatcher checks only that the action's
     * version is not empty, not that it equals the definition's (the v1.x lscc version check is gone). A tx that
     * ran version 2.0 of a chaincode defined at 1.0 is VALID.
     */
    @Test
    void aVersionOtherThanTheDefinitionsIsStillValidUnderV20() throws Exception {
        assertThat(commit(valid(), tx(t -> t.version("2.0")))).containsExactly(TxValidationCode.VALID,
                TxValidationCode.VALID);
        assertThat(state(ledger, CC, "bad")).isEqualTo(ByteString.copyFromUtf8("1"));
    }

    /**
     * validateConfigTransaction: a CONFIG envelope with no data. Reachable only next to another transaction: a lone
     * config tx is exempt from the well-formedness check but then decides the block (see ConfigBlockTest).
     */
    @Test
    void invalidConfigTransaction() throws Exception {
        assertCode(fx.typedTx(HeaderType.CONFIG_VALUE, ByteString.EMPTY), TxValidationCode.INVALID_CONFIG_TRANSACTION);
    }
}
