package io.weft.core.committer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.handler.EndorsedAction;
import io.weft.api.handler.NsRwSet;
import io.weft.api.handler.PolicyViolationException;
import io.weft.api.handler.StateKey;
import io.weft.api.handler.ValidationExecutionException;
import io.weft.api.handler.ValidationPlugin;
import io.weft.ledger.LedgerException;
import io.weft.ledger.txmgr.TxRwSet;
import io.weft.lifecycle.ChaincodeNotDefinedException;
import io.weft.lifecycle.ValidationInfo;
import io.weft.protoutil.Protos;

/**
 * Fabric's v2.0 plugin dispatcher for one endorser transaction: checks the chaincode ids of the header and the
 * action, finds every namespace the transaction writes, and asks the validation plugin each namespace's definition
 * names. Unlike Fabric, which walks the written namespaces in map order, namespaces are judged in a fixed order (the
 * invoked chaincode, then the read-write set's order), so every peer reports the same code for a transaction that
 * fails in two namespaces. Thread-safe.
 */
final class PluginDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDispatcher.class);

    private final String channelId;

    PluginDispatcher(String channelId) {
        this.channelId = channelId;
    }

    EndorserTxOutcome dispatch(Block block, int txPosition, TxCheck tx, BlockPlugins plugins, BlockDefinitions definitions)
            throws ValidationHaltedException {
        ChannelHeader chdr = tx.channelHeader();
        ChaincodeHeaderExtension ext;
        try {
            ext = Protos.parse(ChaincodeHeaderExtension.parser(), chdr.getExtension());
        } catch (InvalidProtocolBufferException e) {
            return EndorserTxOutcome.invalid(TxValidationCode.BAD_HEADER_EXTENSION, e.getMessage());
        }
        ChaincodeActionPayload cap = tx.endorsed().actionPayload();
        ChaincodeAction action;
        try {
            if (!cap.hasAction() || cap.getAction().getProposalResponsePayload().isEmpty()) {
                throw new InvalidProtocolBufferException("no payload in ChaincodeActionPayload");
            }
            if (tx.endorsed().responsePayload().getExtension().isEmpty()) {
                throw new InvalidProtocolBufferException("response payload is missing extension");
            }
            action = Protos.parse(ChaincodeAction.parser(), tx.endorsed().responsePayload().getExtension());
        } catch (InvalidProtocolBufferException e) {
            return EndorserTxOutcome.invalid(TxValidationCode.BAD_RESPONSE_PAYLOAD,
                    "GetActionFromEnvelope failed: " + e.getMessage());
        }
        TxRwSet rwset;
        try {
            rwset = TxRwSet.parse(action.getResults());
        } catch (LedgerException e) {
            return EndorserTxOutcome.invalid(TxValidationCode.BAD_RWSET, "txRWSet.FromProtoBytes failed: " + e.getMessage());
        }
        EndorserTxOutcome badIds = checkChaincodeIds(ext, action, rwset);
        if (badIds != null) {
            return badIds;
        }
        String ccId = ext.getChaincodeId().getName();
        Set<String> written = new LinkedHashSet<>();
        written.add(ccId);
        Set<String> seen = new LinkedHashSet<>();
        List<NsRwSet> nsRwSets = new ArrayList<>(rwset.namespaces().size());
        for (TxRwSet.Ns ns : rwset.namespaces()) {
            if (!seen.add(ns.namespace())) {
                return EndorserTxOutcome.invalid(TxValidationCode.ILLEGAL_WRITESET,
                        "duplicate namespace '" + ns.namespace() + "' in txRWSet", rwset, Map.of());
            }
            NsRwSet view = view(ns);
            nsRwSets.add(view);
            if (view.writes()) {
                written.add(ns.namespace());
            }
        }
        EndorsedAction endorsed = new EndorsedAction(chdr, cap.getAction().getProposalResponsePayload(),
                cap.getAction().getEndorsementsList(), action, nsRwSets);
        Map<String, List<StateKey>> accepted = new LinkedHashMap<>();
        for (String ns : written) {
            ValidationInfo info;
            try {
                info = definitions.validationInfo(ns);
            } catch (ChaincodeNotDefinedException e) {
                return EndorserTxOutcome.invalid(TxValidationCode.INVALID_CHAINCODE, e.getMessage(), rwset, accepted);
            }
            ValidationPlugin plugin = plugins.plugin(info.plugin());
            try {
                ValidationPlugin.Result result = plugin.validate(new ValidationPlugin.Request(block, ns, txPosition, 0,
                        info.parameter(), endorsed));
                accepted.put(ns, result.validationParameterKeys());
            } catch (PolicyViolationException e) {
                LOG.warn("[{}] tx {} at {}:{} fails the endorsement policy of {}: {}", channelId, chdr.getTxId(),
                        block.getHeader().getNumber(), txPosition, ns, e.getMessage());
                return EndorserTxOutcome.invalid(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, e.getMessage(), rwset,
                        accepted);
            } catch (ValidationExecutionException | RuntimeException e) {
                throw new ValidationHaltedException("validation plugin " + info.plugin() + " failed on tx "
                        + chdr.getTxId() + " (" + block.getHeader().getNumber() + ":" + txPosition + ", namespace " + ns
                        + "): " + e.getMessage(), e);
            }
        }
        return new EndorserTxOutcome(TxValidationCode.VALID, "", rwset, accepted);
    }

    /** Fabric's checks of the chaincode ids and the event before any plugin runs; {@code null} when they pass. */
    private static EndorserTxOutcome checkChaincodeIds(ChaincodeHeaderExtension ext, ChaincodeAction action,
            TxRwSet rwset) {
        if (!ext.hasChaincodeId()) {
            return other("nil ChaincodeId in header extension", rwset);
        }
        if (!action.hasChaincodeId()) {
            return other("nil ChaincodeId in ChaincodeAction", rwset);
        }
        String ccId = ext.getChaincodeId().getName();
        if (ccId.isEmpty()) {
            return invalidChaincode("invalid chaincode ID", rwset);
        }
        if (!ccId.equals(action.getChaincodeId().getName())) {
            return invalidChaincode("inconsistent ccid info (" + ccId + "/" + action.getChaincodeId().getName() + ")",
                    rwset);
        }
        if (action.getChaincodeId().getVersion().isEmpty()) {
            return invalidChaincode("invalid chaincode version", rwset);
        }
        if (!action.getEvents().isEmpty()) {
            try {
                if (!ChaincodeEvent.parseFrom(action.getEvents()).getChaincodeId().equals(ccId)) {
                    return other("chaincode event chaincode id does not match chaincode action chaincode id", rwset);
                }
            } catch (InvalidProtocolBufferException e) {
                return other("invalid chaincode event: " + e.getMessage(), rwset);
            }
        }
        return null;
    }

    private static EndorserTxOutcome other(String reason, TxRwSet rwset) {
        return EndorserTxOutcome.invalid(TxValidationCode.INVALID_OTHER_REASON, reason, rwset, Map.of());
    }

    private static EndorserTxOutcome invalidChaincode(String reason, TxRwSet rwset) {
        return EndorserTxOutcome.invalid(TxValidationCode.INVALID_CHAINCODE, reason, rwset, Map.of());
    }

    private static NsRwSet view(TxRwSet.Ns ns) {
        List<NsRwSet.Collection> colls = new ArrayList<>(ns.collections().size());
        for (TxRwSet.CollHashed c : ns.collections()) {
            colls.add(new NsRwSet.Collection(c.collection(), c.hashedRwSet()));
        }
        return new NsRwSet(ns.namespace(), ns.kvRwSet(), colls);
    }

}
