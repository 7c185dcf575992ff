package io.weft.core.committer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.weft.protoutil.Envelopes;

class TxCheckerTest {

    private static CommitterFixtures fx;
    private final Set<String> ledger = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void load() throws Exception {
        fx = CommitterFixtures.get();
    }

    private TxChecker checker(String... joined) {
        return new TxChecker(fx.deserializers(joined), ledger::contains);
    }

    private TxValidationCode code(Envelope env) {
        return checker().check(env.toByteString()).code();
    }

    @Test
    void wellFormedSignedEndorserTransactionIsValid() {
        Envelope env = fx.endorserTx(CommitterFixtures.CHANNEL);
        TxCheck c = checker().check(env.toByteString());
        assertThat(c.code()).isEqualTo(TxValidationCode.VALID);
        assertThat(c.reason()).isEmpty();
        assertThat(c.txId()).hasSize(64).isEqualTo(c.channelHeader().getTxId());
        assertThat(c.payload().getHeader()).isNotNull();
    }

    @Test
    void nullEnvelopeIsNilEnvelope() {
        assertThat(checker().check((Envelope) null).code()).isEqualTo(TxValidationCode.NIL_ENVELOPE);
    }

    @Test
    void unparsableEnvelopeIsInvalidOtherReason() {
        TxCheck c = checker().check(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff}));
        assertThat(c.code()).isEqualTo(TxValidationCode.INVALID_OTHER_REASON);
    }

    @Test
    void unparsablePayloadIsBadPayload() {
        // field 1, length 5, but only one byte follows
        Envelope env = Envelope.newBuilder().setPayload(ByteString.copyFrom(new byte[] {0x0a, 0x05, 0x01}))
                .setSignature(ByteString.copyFromUtf8("sig")).build();
        assertThat(code(env)).isEqualTo(TxValidationCode.BAD_PAYLOAD);
    }

    @Test
    void headerProblemsAreBadCommonHeader() {
        assertThat(code(fx.sign(Payload.newBuilder().setData(ByteString.copyFromUtf8("x")).build())))
                .as("no header").isEqualTo(TxValidationCode.BAD_COMMON_HEADER);
        assertThat(code(fx.endorserTx(CommitterFixtures.CHANNEL, h -> h.setEpoch(1), t -> t)))
                .as("epoch").isEqualTo(TxValidationCode.BAD_COMMON_HEADER);
        assertThat(code(fx.endorserTx(CommitterFixtures.CHANNEL, h -> h.setType(HeaderType.ORDERER_TRANSACTION_VALUE),
                t -> t))).as("type").isEqualTo(TxValidationCode.BAD_COMMON_HEADER);
        assertThat(code(fx.endorserTx(CommitterFixtures.CHANNEL, h -> h.setType(HeaderType.MESSAGE_VALUE), t -> t)))
                .as("MESSAGE").isEqualTo(TxValidationCode.BAD_COMMON_HEADER);
        assertThat(code(Envelope.newBuilder().build())).as("empty entry").isEqualTo(TxValidationCode.BAD_COMMON_HEADER);
        Envelope valid = fx.endorserTx(CommitterFixtures.CHANNEL);
        Payload noNonce = payloadOf(valid).toBuilder().setHeader(payloadOf(valid).getHeader().toBuilder()
                .setSignatureHeader(SignatureHeader.newBuilder().setCreator(fx.user1.serialize()).build().toByteString()))
                .build();
        TxCheck c = checker().check(fx.sign(noNonce));
        assertThat(c.code()).isEqualTo(TxValidationCode.BAD_COMMON_HEADER);
        assertThat(c.reason()).contains("invalid nonce specified in the header");
        Payload noCreator = payloadOf(valid).toBuilder().setHeader(payloadOf(valid).getHeader().toBuilder()
                .setSignatureHeader(SignatureHeader.newBuilder().setNonce(Envelopes.nonce()).build().toByteString()))
                .build();
        assertThat(checker().check(fx.sign(noCreator)).reason()).contains("invalid creator specified in the header");
    }

    @Test
    void badSignatureOrUnknownCreatorIsBadCreatorSignature() {
        Envelope valid = fx.endorserTx(CommitterFixtures.CHANNEL);
        byte[] sig = valid.getSignature().toByteArray();
        sig[sig.length - 1] ^= 1;
        TxCheck c = checker().check(valid.toBuilder().setSignature(ByteString.copyFrom(sig)).build());
        assertThat(c.code()).isEqualTo(TxValidationCode.BAD_CREATOR_SIGNATURE);
        assertThat(c.reason()).contains("creator's signature over the proposal is not valid");

        assertThat(code(valid.toBuilder().clearSignature().build())).isEqualTo(TxValidationCode.BAD_CREATOR_SIGNATURE);

        Payload p = payloadOf(valid);
        Payload junkCreator = p.toBuilder().setHeader(p.getHeader().toBuilder().setSignatureHeader(SignatureHeader
                .newBuilder().setCreator(ByteString.copyFromUtf8("nobody")).setNonce(Envelopes.nonce()).build()
                .toByteString())).build();
        TxCheck junk = checker().check(fx.sign(junkCreator));
        assertThat(junk.code()).isEqualTo(TxValidationCode.BAD_CREATOR_SIGNATURE);
        assertThat(junk.reason()).contains("MSP error");
    }

    @Test
    void txFromAChannelThisPeerHasNotJoinedFailsTheCreatorCheck() {
        TxCheck c = checker().check(fx.endorserTx("otherchannel"));
        assertThat(c.code()).isEqualTo(TxValidationCode.BAD_CREATOR_SIGNATURE);
        assertThat(c.reason()).contains("channel doesn't exist");
    }

    @Test
    void txReplayedFromAnotherJoinedChannelPassesTheseChecksAsInFabric() {
        // Fabric's v20 validator has no channel id comparison: the channel header names the other channel
        TxCheck c = checker("otherchannel").check(fx.endorserTx("otherchannel"));
        assertThat(c.code()).isEqualTo(TxValidationCode.VALID);
        assertThat(c.channelHeader().getChannelId()).isEqualTo("otherchannel");
    }

    @Test
    void wrongTxIdIsBadProposalTxId() {
        TxCheck c = checker().check(fx.endorserTx(CommitterFixtures.CHANNEL, h -> h.setTxId("abc"), t -> t));
        assertThat(c.code()).isEqualTo(TxValidationCode.BAD_PROPOSAL_TXID);
        assertThat(c.reason()).contains("invalid txid. got [abc], expected [");
    }

    @Test
    void malformedEndorserTransactionIsInvalidEndorserTransaction() {
        TxCheck two = checker().check(fx.endorserTx(CommitterFixtures.CHANNEL, h -> h,
                t -> t.addActions(t.getActions(0))));
        assertThat(two.code()).isEqualTo(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        assertThat(two.reason()).contains("only one action per transaction is supported, tx contains 2");

        assertThat(checker().check(fx.endorserTx(CommitterFixtures.CHANNEL, h -> h, t -> t.clearActions())).code())
                .isEqualTo(TxValidationCode.INVALID_ENDORSER_TRANSACTION);

        TxCheck hash = checker().check(fx.endorserTx(CommitterFixtures.CHANNEL, h -> h, t -> {
            TransactionAction a = t.getActions(0);
            try {
                ChaincodeActionPayload cap = ChaincodeActionPayload.parseFrom(a.getPayload());
                ByteString prp = ProposalResponsePayload.newBuilder()
                        .setProposalHash(ByteString.copyFrom(new byte[32])).build().toByteString();
                cap = cap.toBuilder().setAction(ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(prp))
                        .build();
                return t.setActions(0, a.toBuilder().setPayload(cap.toByteString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(hash.code()).isEqualTo(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        assertThat(hash.reason()).contains("proposal hash does not match");

        TxCheck actionHeader = checker().check(fx.endorserTx(CommitterFixtures.CHANNEL, h -> h,
                t -> t.setActions(0, t.getActions(0).toBuilder().setHeader(SignatureHeader.newBuilder()
                        .setCreator(fx.user1.serialize()).build().toByteString()))));
        assertThat(actionHeader.code()).isEqualTo(TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        assertThat(actionHeader.reason()).contains("invalid nonce specified in the header");
    }

    @Test
    void configAndOtherTypes() {
        assertThat(code(fx.typedTx(HeaderType.CONFIG_VALUE, ByteString.copyFromUtf8("config envelope"))))
                .isEqualTo(TxValidationCode.VALID);
        assertThat(code(fx.typedTx(HeaderType.CONFIG_VALUE, ByteString.EMPTY)))
                .isEqualTo(TxValidationCode.INVALID_CONFIG_TRANSACTION);
        assertThat(code(fx.typedTx(HeaderType.CONFIG_UPDATE_VALUE, ByteString.copyFromUtf8("update"))))
                .isEqualTo(TxValidationCode.UNSUPPORTED_TX_PAYLOAD);
    }

    @Test
    void txIdAlreadyInTheLedgerIsDuplicate() {
        Envelope env = fx.endorserTx(CommitterFixtures.CHANNEL);
        String txId = checker().check(env).txId();
        ledger.add(txId);
        TxCheck c = checker().check(env);
        assertThat(c.code()).isEqualTo(TxValidationCode.DUPLICATE_TXID);
        assertThat(c.txId()).isEqualTo(txId);
    }

    @Test
    void ledgerFailureIsNotATxCode() {
        TxChecker broken = new TxChecker(fx.deserializers(), id -> {
            throw new IllegalStateException("ledger closed");
        });
        assertThatThrownBy(() -> broken.check(fx.endorserTx(CommitterFixtures.CHANNEL)))
                .hasMessage("ledger closed");
    }

    @Test
    void laterValidRepeatsInTheBlockAreDuplicates() {
        Envelope a = fx.endorserTx(CommitterFixtures.CHANNEL);
        Envelope b = fx.endorserTx(CommitterFixtures.CHANNEL);
        Envelope config = fx.typedTx(HeaderType.CONFIG_VALUE, ByteString.copyFromUtf8("c"));
        List<TxCheck> checks = checker().checkBlock(CommitterFixtures.block(1, new byte[32], fx.orderer,
                a.toByteString(), b.toByteString(), a.toByteString(), config.toByteString(), config.toByteString()));
        assertThat(checks).extracting(TxCheck::code).containsOnly(TxValidationCode.VALID);
        TxValidationCode[] codes = checks.stream().map(TxCheck::code).toArray(TxValidationCode[]::new);
        TxChecker.markDuplicates(checks.stream().map(TxCheck::txId).toList(), codes);
        assertThat(codes).containsExactly(TxValidationCode.VALID, TxValidationCode.VALID,
                TxValidationCode.DUPLICATE_TXID, TxValidationCode.VALID, TxValidationCode.VALID);

        // an invalid first occurrence does not make a later valid one a duplicate
        TxValidationCode[] second = {TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID};
        TxChecker.markDuplicates(List.of("t", "t"), second);
        assertThat(second).containsExactly(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, TxValidationCode.VALID);
    }

    private static Payload payloadOf(Envelope env) {
        try {
            return Payload.parseFrom(env.getPayload());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
