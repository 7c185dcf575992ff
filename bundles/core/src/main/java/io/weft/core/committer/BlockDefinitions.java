package io.weft.core.committer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.weft.ledger.LedgerException;
import io.weft.lifecycle.ChaincodeNotDefinedException;
import io.weft.lifecycle.LifecycleState;
import io.weft.lifecycle.LifecycleStateException;
import io.weft.lifecycle.StateReader;
import io.weft.lifecycle.ValidationInfo;

/**
 * The validation plugin and argument of each namespace, for one block: definitions are read from the state committed
 * before the block, which cannot change while the block is validated, so each namespace is looked up once per block
 * rather than once per transaction. Thread-safe.
 */
final class BlockDefinitions {

    /** One lookup's outcome: the info, or why the namespace has none, or why the peer cannot tell. */
    private record Lookup(ValidationInfo info, String notDefined, ValidationHaltedException halted) {
    }

    private final StateReader state;
    private final ApplicationPolicies policies;
    private final ConcurrentMap<String, Lookup> lookups = new ConcurrentHashMap<>();

    BlockDefinitions(StateReader state, ApplicationPolicies policies) {
        this.state = state;
        this.policies = policies;
    }

    /**
     * The plugin and argument of namespace {@code ns}; {@code _lifecycle} is always defined, with the lifecycle policy.
     *
     * @throws ChaincodeNotDefinedException no usable definition: the transaction is {@code INVALID_CHAINCODE}
     * @throws ValidationHaltedException the state cannot be read: the block cannot be decided
     */
    ValidationInfo validationInfo(String ns) throws ChaincodeNotDefinedException, ValidationHaltedException {
        Lookup l = lookups.computeIfAbsent(ns, this::lookup);
        if (l.halted != null) {
            throw l.halted;
        }
        if (l.notDefined != null) {
            throw new ChaincodeNotDefinedException(l.notDefined);
        }
        return l.info;
    }

    private Lookup lookup(String ns) {
        if (ns.equals(LifecycleState.NAMESPACE)) {
            return new Lookup(new ValidationInfo(ValidationInfo.DEFAULT_PLUGIN, policies.lifecycleEndorsement()), null, null);
        }
        ValidationInfo info;
        try {
            info = ValidationInfo.of(state, ns);
        } catch (ChaincodeNotDefinedException e) {
            return new Lookup(null, e.getMessage(), null);
        } catch (LifecycleStateException | LedgerException e) {
            return new Lookup(null, null, new ValidationHaltedException(
                    "Could not retrieve state for chaincode " + ns + ", error " + e.getMessage(), e));
        }
        if (info.plugin().isEmpty()) {
            return new Lookup(null, "chaincode definition for [" + ns + "] is invalid, plugin field must be set", null);
        }
        if (info.parameter().isEmpty()) {
            return new Lookup(null, "chaincode definition for [" + ns + "] is invalid, policy field must be set", null);
        }
        return new Lookup(info, null, null);
    }
}
