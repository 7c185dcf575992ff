package io.weft.core.committer;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The endorsement-policy stage (Fabric's validation plugin, {@code DefaultValidation} by default), asked only for
 * endorser transactions that passed {@link TxChecker}. Called from the validator pool: must be thread-safe.
 */
@FunctionalInterface
public interface EndorsementValidation {

    /** {@code VALID}, or the code that invalidates the transaction (e.g. {@code ENDORSEMENT_POLICY_FAILURE}). */
    TxValidationCode validate(TxCheck tx);
}
