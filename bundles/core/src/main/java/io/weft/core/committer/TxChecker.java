package io.weft.core.committer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.msp.Identity;
import io.weft.msp.IdentityDeserializer;
import io.weft.msp.MspException;
import io.weft.protoutil.TxIds;
import io.weft.protoutil.Protos;

/**
 * The committer's per-transaction checks that come before the endorsement policy (Fabric's
 * {@code ValidateTransaction} and the ledger duplicate check of the v20 {@code validateTx}). Stateless and
 * thread-safe: the validator may check a block's transactions in parallel through {@link #check(ByteString)}.
 */
public final class TxChecker {

    private final ChannelDeserializers deserializers;
    private final TxIdLookup ledger;

    public TxChecker(ChannelDeserializers deserializers, TxIdLookup ledger) {
        this.deserializers = Objects.requireNonNull(deserializers, "deserializers");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** Checks every transaction of {@code block} in order; no in-block duplicate marking (see {@link #markDuplicates}). */
    public List<TxCheck> checkBlock(Block block) {
        List<ByteString> data = block.getData().getDataList();
        List<TxCheck> out = new ArrayList<>(data.size());
        for (ByteString d : data) {
            out.add(check(d));
        }
        return out;
    }

    /** Checks one block data entry: an envelope that does not parse is {@code INVALID_OTHER_REASON}. */
    public TxCheck check(ByteString envelopeBytes) {
        Envelope env;
        try {
            env = Protos.parse(Envelope.parser(), envelopeBytes);
        } catch (InvalidProtocolBufferException e) {
            return TxCheck.invalid(TxValidationCode.INVALID_OTHER_REASON, "Error getting tx from block: " + e.getMessage());
        }
        return check(env);
    }

    /**
     * Checks one envelope; {@code null} is {@code NIL_ENVELOPE}. A valid endorser transaction whose id is already
     * in the ledger is {@code DUPLICATE_TXID}.
     *
     * @throws RuntimeException when the txid lookup fails (a block error in Fabric)
     */
    public TxCheck check(Envelope env) {
        if (env == null) {
            return TxCheck.invalid(TxValidationCode.NIL_ENVELOPE, "nil envelope");
        }
        TxCheck result = validate(env);
        if (result.isValid() && result.channelHeader().getType() == HeaderType.ENDORSER_TRANSACTION_VALUE
                && ledger.txIdExists(result.txId())) {
            return TxCheck.invalid(TxValidationCode.DUPLICATE_TXID,
                    "Duplicate transaction found, " + result.txId() + ", skipping", result.payload(), result.channelHeader());
        }
        return result;
    }

    private TxCheck validate(Envelope env) {
        Payload payload;
        try {
            payload = Protos.parse(Payload.parser(), env.getPayload());
        } catch (InvalidProtocolBufferException e) {
            return TxCheck.invalid(TxValidationCode.BAD_PAYLOAD, "GetPayload returns err " + e.getMessage());
        }
        if (!payload.hasHeader()) {
            return TxCheck.invalid(TxValidationCode.BAD_COMMON_HEADER, "validateCommonHeader returns err nil header");
        }
        CommonHeaders.Parsed headers;
        try {
            headers = CommonHeaders.check(payload.getHeader());
        } catch (TxCheckFailure e) {
            return TxCheck.invalid(TxValidationCode.BAD_COMMON_HEADER, "validateCommonHeader returns err " + e.getMessage());
        }
        ChannelHeader chdr = headers.channelHeader();
        SignatureHeader shdr = headers.signatureHeader();
        try {
            checkCreatorSignature(shdr.getCreator(), env, chdr.getChannelId());
        } catch (TxCheckFailure e) {
            return TxCheck.invalid(TxValidationCode.BAD_CREATOR_SIGNATURE,
                    "checkSignatureFromCreator returns err " + e.getMessage());
        }
        switch (chdr.getType()) {
            case HeaderType.ENDORSER_TRANSACTION_VALUE -> {
                String expected = TxIds.compute(shdr.getNonce(), shdr.getCreator());
                if (!expected.equals(chdr.getTxId())) {
                    return TxCheck.invalid(TxValidationCode.BAD_PROPOSAL_TXID, "CheckTxID returns err invalid txid. got ["
                            + chdr.getTxId() + "], expected [" + expected + "]");
                }
                try {
                    return TxCheck.validEndorserTx(payload, chdr,
                            EndorserTransactions.check(payload.getData(), payload.getHeader()));
                } catch (TxCheckFailure e) {
                    return TxCheck.invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                            "validateEndorserTransaction returns err " + e.getMessage(), payload, chdr);
                }
            }
            case HeaderType.CONFIG_VALUE -> {
                // proto3 cannot tell absent data from empty; an orderer never writes an empty config envelope
                if (payload.getData().isEmpty()) {
                    return TxCheck.invalid(TxValidationCode.INVALID_CONFIG_TRANSACTION,
                            "validateConfigTransaction returns err nil arguments", payload, chdr);
                }
                return TxCheck.valid(payload, chdr);
            }
            default -> {
                return TxCheck.invalid(TxValidationCode.UNSUPPORTED_TX_PAYLOAD,
                        "unsupported transaction type " + HeaderType.forNumber(chdr.getType()));
            }
        }
    }

    /** Fabric's {@code checkSignatureFromCreator}, using the MSPs of the channel the header names. */
    private void checkCreatorSignature(ByteString creator, Envelope env, String channelId) throws TxCheckFailure {
        if (env.getSignature().isEmpty()) {
            throw new TxCheckFailure("nil arguments");
        }
        Optional<IdentityDeserializer> deserializer = deserializers.forChannel(channelId);
        if (deserializer.isEmpty()) {
            // Fabric creates an empty MSP manager for an unknown channel, which refuses every identity
            throw new TxCheckFailure("MSP error: channel doesn't exist");
        }
        Identity identity;
        try {
            identity = deserializer.get().deserializeIdentity(creator);
        } catch (MspException e) {
            throw new TxCheckFailure("MSP error: " + e.getMessage());
        }
        try {
            identity.validate();
        } catch (MspException e) {
            throw new TxCheckFailure("creator certificate is not valid: " + e.getMessage());
        }
        try {
            identity.verify(env.getPayload().toByteArray(), env.getSignature().toByteArray());
        } catch (MspException e) {
            throw new TxCheckFailure("creator's signature over the proposal is not valid: " + e.getMessage());
        }
    }

    /**
     * Fabric's {@code markTXIdDuplicates}, run once every stage has set its codes: a later valid transaction whose
     * txid repeats an earlier valid one becomes {@code DUPLICATE_TXID}.
     *
     * @param txIds the transaction ids, {@code ""} for transactions without one (config)
     * @param codes the codes so far, updated in place
     */
    public static void markDuplicates(List<String> txIds, TxValidationCode[] codes) {
        if (txIds.size() != codes.length) {
            throw new IllegalArgumentException("txIds and codes differ in length");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.length; i++) {
            String txId = txIds.get(i);
            if (codes[i] != TxValidationCode.VALID || txId.isEmpty()) {
                continue;
            }
            if (!seen.add(txId)) {
                codes[i] = TxValidationCode.DUPLICATE_TXID;
            }
        }
    }
}
