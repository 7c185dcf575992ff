package io.weft.core.committer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.handler.EndorsedAction;
import io.weft.api.handler.NsRwSet;
import io.weft.api.handler.StateKey;
import io.weft.channelconfig.ApplicationConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.txmgr.TxRwSet;
import io.weft.lifecycle.LegacyLifecycle;
import io.weft.lifecycle.LifecycleStateException;
import io.weft.lifecycle.SignaturePolicies;
import io.weft.lifecycle.StateReader;
import io.weft.lifecycle.ValidationInfo;

/**
 * Fabric's v1.4 validator ({@code txvalidator/v14}'s {@code VSCCValidateTx}), which Fabric 2.5 runs on channels
 * without the V2_0 application capability. An application chaincode may not write lscc's namespace (nor escc's,
 * vscc's, cscc's); each namespace it writes is judged by the plugin and policy lscc recorded, the invoked one only at
 * the version lscc holds ({@code EXPIRED_CHAINCODE}). A system chaincode's invocation is judged by the default
 * validation under "any member of the channel", and an lscc invocation also by {@link LsccInvocationChecks}. Failed
 * look-ups are {@code INVALID_OTHER_REASON} here, not v2.0's {@code INVALID_CHAINCODE}. Thread-safe.
 */
final class LegacyTxDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyTxDispatcher.class);

    /** v1.4's system chaincodes (no {@code _lifecycle}: it is an ordinary name on these channels). */
    private static final Set<String> SYSTEM = Set.of("vscc", "escc", "lscc", "qscc", "cscc");

    private final PluginDispatcher plugins;
    private final LsccInvocationChecks lsccChecks;

    LegacyTxDispatcher(PluginDispatcher plugins, LsccInvocationChecks lsccChecks) {
        this.plugins = plugins;
        this.lsccChecks = lsccChecks;
    }

    EndorserTxOutcome dispatch(Block block, int txPosition, TxCheck tx, BlockPlugins blockPlugins, StateReader state,
            ApplicationConfig application) throws ValidationHaltedException {
        ParsedAction parsed = ParsedAction.of(tx);
        if (parsed.failure() != null) {
            return parsed.failure();
        }
        TxRwSet rwset = parsed.rwset();
        Optional<String> badIds = chaincodeIdError(parsed.ext(), parsed.action());
        if (badIds.isPresent()) {
            return other(badIds.get(), rwset);
        }
        String ccId = parsed.ext().getChaincodeId().getName();
        String ccVersion = parsed.action().getChaincodeId().getVersion();
        boolean v12 = application.capabilities().v12Validation();
        Set<String> written = new LinkedHashSet<>();
        if (v12) {
            written.add(ccId);
            Optional<String> badEvent = eventError(parsed.action(), ccId);
            if (badEvent.isPresent()) {
                return other(badEvent.get(), rwset);
            }
        }
        boolean writesToLscc = false;
        boolean writesToNonInvokable = false;
        Set<String> seen = new LinkedHashSet<>();
        List<NsRwSet> views = new ArrayList<>();
        for (TxRwSet.Ns ns : rwset.namespaces()) {
            if (!seen.add(ns.namespace())) {
                return EndorserTxOutcome.invalid(TxValidationCode.ILLEGAL_WRITESET,
                        "duplicate namespace '" + ns.namespace() + "' in txRWSet", rwset, Map.of());
            }
            NsRwSet view = PluginDispatcher.view(ns);
            views.add(view);
            if (!view.writes()) {
                continue;
            }
            written.add(ns.namespace());
            writesToLscc |= ns.namespace().equals(LegacyLifecycle.NAMESPACE);
            writesToNonInvokable |= Set.of("vscc", "escc", "cscc").contains(ns.namespace());
        }
        ChannelHeader chdr = tx.channelHeader();
        EndorsedAction endorsed = new EndorsedAction(chdr,
                tx.endorsed().actionPayload().getAction().getProposalResponsePayload(),
                tx.endorsed().actionPayload().getAction().getEndorsementsList(), parsed.action(), views);
        Map<String, List<StateKey>> accepted = new LinkedHashMap<>();
        if (SYSTEM.contains(ccId)) {
            if (ccId.equals("vscc") || ccId.equals("escc")) {
                return illegal("committing an invocation of cc " + ccId + " is illegal", rwset);
            }
            ByteString anyMember = ApplicationPolicy.newBuilder()
                    .setSignaturePolicy(SignaturePolicies.signedByAnyMember(application.mspIds())).build().toByteString();
            EndorserTxOutcome refused = plugins.runPlugin(blockPlugins, ValidationInfo.DEFAULT_PLUGIN, anyMember, block,
                    txPosition, ccId, endorsed, rwset, accepted);
            if (refused != null) {
                return refused;
            }
            if (ccId.equals(LegacyLifecycle.NAMESPACE)) {
                Optional<String> lsccError = lsccChecks.check(block, txPosition, tx, rwset, state, application);
                if (lsccError.isPresent()) {
                    LOG.warn("[{}] lscc invocation in tx {} at {}:{} is invalid: {}", chdr.getChannelId(),
                            chdr.getTxId(), block.getHeader().getNumber(), txPosition, lsccError.get());
                    return EndorserTxOutcome.invalid(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, lsccError.get(),
                            rwset, accepted);
                }
            }
            return new EndorserTxOutcome(TxValidationCode.VALID, "", rwset, accepted);
        }
        if (writesToLscc) {
            return illegal("chaincode " + ccId + " attempted to write to the namespace of LSCC", rwset);
        }
        if (writesToNonInvokable) {
            return illegal("chaincode " + ccId + " attempted to write to the namespace of a system chaincode that "
                    + "cannot be invoked", rwset);
        }
        for (String ns : written) {
            ChaincodeData cd;
            try {
                cd = chaincodeData(state, ns);
            } catch (LookupException e) {
                return EndorserTxOutcome.invalid(TxValidationCode.INVALID_OTHER_REASON, e.getMessage(), rwset, accepted);
            }
            if (ns.equals(ccId) && !cd.getVersion().equals(ccVersion)) {
                return EndorserTxOutcome.invalid(TxValidationCode.EXPIRED_CHAINCODE, "chaincode " + ccId + ":"
                        + ccVersion + "/" + chdr.getChannelId() + " didn't match " + cd.getName() + ":"
                        + cd.getVersion() + "/" + chdr.getChannelId() + " in lscc", rwset, accepted);
            }
            ValidationInfo info = ValidationInfo.ofLegacy(cd);
            EndorserTxOutcome refused = plugins.runPlugin(blockPlugins, info.plugin(), info.parameter(), block,
                    txPosition, ns, endorsed, rwset, accepted);
            if (refused != null) {
                return refused;
            }
        }
        return new EndorserTxOutcome(TxValidationCode.VALID, "", rwset, accepted);
    }

    /** A definition lscc cannot give (Fabric's {@code getCDataForCC} errors). */
    private static final class LookupException extends Exception {
        private static final long serialVersionUID = 1L;

        LookupException(String message) {
            super(message);
        }
    }

    /** Fabric's {@code getCDataForCC}; a failed state read halts the block. */
    private static ChaincodeData chaincodeData(StateReader state, String ns)
            throws LookupException, ValidationHaltedException {
        Optional<ChaincodeData> cd;
        try {
            cd = LegacyLifecycle.chaincodeData(state, ns);
        } catch (LifecycleStateException e) {
            throw new LookupException("unmarshalling ChaincodeQueryResponse failed: " + e.getMessage());
        } catch (LedgerException e) {
            throw new ValidationHaltedException("could not retrieve state for chaincode " + ns + ": " + e.getMessage(),
                    e);
        }
        if (cd.isEmpty()) {
            throw new LookupException("lscc's state for [" + ns + "] not found.");
        }
        if (cd.get().getVscc().isEmpty()) {
            throw new LookupException("lscc's state for [" + ns + "] is invalid, vscc field must be set");
        }
        if (!cd.get().hasPolicy()) {
            throw new LookupException("lscc's state for [" + ns + "] is invalid, policy field must be set");
        }
        return cd.get();
    }

    private static Optional<String> chaincodeIdError(ChaincodeHeaderExtension ext, ChaincodeAction action) {
        if (!ext.hasChaincodeId()) {
            return Optional.of("nil ChaincodeId in header extension");
        }
        if (!action.hasChaincodeId()) {
            return Optional.of("nil ChaincodeId in ChaincodeAction");
        }
        String ccId = ext.getChaincodeId().getName();
        if (ccId.isEmpty()) {
            return Optional.of("invalid chaincode ID");
        }
        if (!ccId.equals(action.getChaincodeId().getName())) {
            return Optional.of("inconsistent ccid info (" + ccId + "/" + action.getChaincodeId().getName() + ")");
        }
        if (action.getChaincodeId().getVersion().isEmpty()) {
            return Optional.of("invalid chaincode version");
        }
        return Optional.empty();
    }

    private static Optional<String> eventError(ChaincodeAction action, String ccId) {
        if (action.getEvents().isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!ChaincodeEvent.parseFrom(action.getEvents()).getChaincodeId().equals(ccId)) {
                return Optional.of("chaincode event chaincode id does not match chaincode action chaincode id");
            }
            return Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            return Optional.of("invalid chaincode event: " + e.getMessage());
        }
    }

    private static EndorserTxOutcome other(String reason, TxRwSet rwset) {
        return EndorserTxOutcome.invalid(TxValidationCode.INVALID_OTHER_REASON, reason, rwset, Map.of());
    }

    private static EndorserTxOutcome illegal(String reason, TxRwSet rwset) {
        return EndorserTxOutcome.invalid(TxValidationCode.ILLEGAL_WRITESET, reason, rwset, Map.of());
    }
}
