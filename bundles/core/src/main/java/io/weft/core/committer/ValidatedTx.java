package io.weft.core.committer;

import java.util.List;
import java.util.Map;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

import io.weft.api.handler.StateKey;
import io.weft.channelconfig.ChannelConfig;
import io.weft.ledger.txmgr.TxRwSet;

/**
 * One transaction after the per-transaction stages: its code so far, its id as the block index stores it, the
 * read-write set of a still-valid transaction, and what the validation plugins accepted.
 *
 * @param code       the code after the checks and the validation plugins
 * @param txId       the id for the block index ({@code ""} when the envelope does not parse that far)
 * @param dupKey     the id compared for in-block duplicates: {@link TxCheck#txId()} ({@code ""} for non-endorser txs)
 * @param rwset      the parsed write set (an endorser tx's, or a config tx's) when the stages got that far, else
 *                   {@code null}; applied only when {@code code} is VALID
 * @param accepted   per namespace the plugins accepted, the keys whose key-level policy they read
 * @param nextConfig the configuration a valid config transaction installs once committed, else {@code null}
 */
record ValidatedTx(TxValidationCode code, String txId, String dupKey, TxRwSet rwset,
        Map<String, List<StateKey>> accepted, ChannelConfig nextConfig) {

    ValidatedTx(TxValidationCode code, String txId, String dupKey) {
        this(code, txId, dupKey, null, Map.of(), null);
    }

    boolean appliesWrites() {
        return code == TxValidationCode.VALID && rwset != null;
    }

    ValidatedTx withCode(TxValidationCode newCode) {
        return new ValidatedTx(newCode, txId, dupKey, rwset, accepted, newCode == TxValidationCode.VALID ? nextConfig : null);
    }

    ValidatedTx withAccepted(Map<String, List<StateKey>> stillAccepted) {
        return new ValidatedTx(code, txId, dupKey, rwset, stillAccepted, nextConfig);
    }
}
