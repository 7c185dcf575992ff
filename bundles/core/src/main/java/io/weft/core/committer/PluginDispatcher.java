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

import com.google.protobuf.ByteString;
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
        ParsedAction parsed = ParsedAction.of(tx);
        if (parsed.failure() != null) {
            return parsed.failure();
        }
        ChaincodeHeaderExtension ext = parsed.ext();
        ChaincodeAction action = parsed.action();
        TxRwSet rwset = parsed.rwset();
        ChaincodeActionPayload cap = tx.endorsed().actionPayload();
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
            EndorserTxOutcome refused = runPlugin(plugins, info.plugin(), info.parameter(), block, txPosition, ns,
                    endorsed, rwset, accepted);
            if (refused != null) {
                return refused;
            }
        }
        return new EndorserTxOutcome(TxValidationCode.VALID, "", rwset, accepted);
    }

    /**
     * Runs the validation plugin {@code pluginName} on namespace {@code ns}: {@code null} when it accepts (the keys it
     * looked up recorded in {@code accepted}), else an {@code ENDORSEMENT_POLICY_FAILURE} outcome.
     *
     * @throws ValidationHaltedException the plugin could not decide: the block cannot be committed
     */
    EndorserTxOutcome runPlugin(BlockPlugins plugins, String pluginName, ByteString parameter,
            Block block, int txPosition, String ns, EndorsedAction endorsed, TxRwSet rwset,
            Map<String, List<StateKey>> accepted) throws ValidationHaltedException {
        ChannelHeader chdr = endorsed.channelHeader();
        ValidationPlugin plugin = plugins.plugin(pluginName);
        try {
            ValidationPlugin.Result result = plugin.validate(new ValidationPlugin.Request(block, ns, txPosition, 0,
                    parameter, endorsed));
            accepted.put(ns, result.validationParameterKeys());
            return null;
        } catch (PolicyViolationException e) {
            LOG.warn("[{}] tx {} at {}:{} fails the endorsement policy of {}: {}", channelId, chdr.getTxId(),
                    block.getHeader().getNumber(), txPosition, ns, e.getMessage());
            return EndorserTxOutcome.invalid(TxValidationCode.ENDORSEMENT_POLICY_FAILURE, e.getMessage(), rwset,
                    accepted);
        } catch (ValidationExecutionException | RuntimeException e) {
            throw new ValidationHaltedException("validation plugin " + pluginName + " failed on tx "
                    + chdr.getTxId() + " (" + block.getHeader().getNumber() + ":" + txPosition + ", namespace " + ns
                    + "): " + e.getMessage(), e);
        }
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

    static NsRwSet view(TxRwSet.Ns ns) {
        List<NsRwSet.Collection> colls = new ArrayList<>(ns.collections().size());
        for (TxRwSet.CollHashed c : ns.collections()) {
            colls.add(new NsRwSet.Collection(c.collection(), c.hashedRwSet()));
        }
        return new NsRwSet(ns.namespace(), ns.kvRwSet(), colls);
    }

}
