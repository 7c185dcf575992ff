package io.weft.core.committer;

import java.util.Objects;

import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The outcome of {@link TxChecker} for one transaction.
 *
 * @param code          {@code VALID} when the transaction passed these checks (later stages may still reject it)
 * @param reason        why it failed, for the log; empty when valid
 * @param payload       the parsed payload when the checks got that far, else {@code null}
 * @param channelHeader the parsed channel header when the checks got that far, else {@code null}
 * @param endorsed      the parsed action of an endorser transaction that passed the structure checks, else {@code null}
 */
public record TxCheck(TxValidationCode code, String reason, Payload payload, ChannelHeader channelHeader,
        EndorsedParts endorsed) {

    /**
     * The parts of an endorser transaction's single action that the structure check parsed, kept for the later stages.
     *
     * @param actionPayload   the action's {@code ChaincodeActionPayload}
     * @param responsePayload the endorsed {@code ProposalResponsePayload}
     */
    public record EndorsedParts(ChaincodeActionPayload actionPayload, ProposalResponsePayload responsePayload) {
    }

    public TxCheck {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    static TxCheck invalid(TxValidationCode code, String reason) {
        return new TxCheck(code, reason, null, null, null);
    }

    static TxCheck invalid(TxValidationCode code, String reason, Payload payload, ChannelHeader channelHeader) {
        return new TxCheck(code, reason, payload, channelHeader, null);
    }

    static TxCheck valid(Payload payload, ChannelHeader channelHeader) {
        return new TxCheck(TxValidationCode.VALID, "", payload, channelHeader, null);
    }

    static TxCheck validEndorserTx(Payload payload, ChannelHeader channelHeader, EndorsedParts endorsed) {
        return new TxCheck(TxValidationCode.VALID, "", payload, channelHeader, Objects.requireNonNull(endorsed));
    }

    public boolean isValid() {
        return code == TxValidationCode.VALID;
    }

    /** The transaction id of an endorser transaction that got past its header checks, else {@code ""}. */
    public String txId() {
        return channelHeader == null || channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE ? ""
                : channelHeader.getTxId();
    }
}
