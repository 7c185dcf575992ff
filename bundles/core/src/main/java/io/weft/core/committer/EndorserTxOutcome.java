package io.weft.core.committer;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

import io.weft.api.handler.StateKey;
import io.weft.ledger.txmgr.TxRwSet;

/**
 * What the validation plugins decided for one endorser transaction.
 *
 * @param code       {@code VALID} or the code that invalidates it
 * @param reason     why it is invalid, for the log; empty when valid
 * @param rwset      the parsed read-write set when the transaction got that far, else {@code null}
 * @param accepted   per namespace the plugins accepted, the keys whose key-level policy the decision read
 */
record EndorserTxOutcome(TxValidationCode code, String reason, TxRwSet rwset, Map<String, List<StateKey>> accepted) {

    EndorserTxOutcome {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        accepted = Map.copyOf(accepted);
    }

    static EndorserTxOutcome invalid(TxValidationCode code, String reason, TxRwSet rwset,
            Map<String, List<StateKey>> accepted) {
        return new EndorserTxOutcome(code, reason, rwset, accepted);
    }

    static EndorserTxOutcome invalid(TxValidationCode code, String reason) {
        return new EndorserTxOutcome(code, reason, null, Map.of());
    }

    boolean isValid() {
        return code == TxValidationCode.VALID;
    }
}
