package io.weft.core.committer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.channelconfig.ApplicationConfig;
import io.weft.channelconfig.Capabilities;
import io.weft.channelconfig.ChannelConfig;
import io.weft.ledger.LedgerException;
import io.weft.ledger.txmgr.TxRwSet;
import io.weft.lifecycle.LegacyLifecycle;
import io.weft.lifecycle.StateReader;
import io.weft.lifecycle.legacy.LegacyChaincodeData;
import io.weft.lifecycle.legacy.LegacyPackage;
import io.weft.lifecycle.legacy.LegacyPackageException;
import io.weft.policies.CompiledSignaturePolicy;
import io.weft.policies.PolicyException;
import io.weft.protoutil.SignedData;

/**
 * Fabric's {@code ValidateLSCCInvocation} (builtin validation v1.3): an lscc deploy or upgrade that its endorsers
 * signed is valid only if its write set is the one lscc writes for its arguments — the {@code ChaincodeData} of the
 * spec's name and version first, the collections (as given) second, nothing beyond lscc's and the chaincode's own
 * namespaces — the chaincode is absent (deploy) or present at another version (upgrade) in the state before the
 * block, and the transaction's creator satisfies the instantiation policies. Any other lscc function that writes is
 * invalid. Fabric runs this inside the {@code vscc} plugin; Weft runs it in the committer, after the plugin, so that
 * it does not depend on which validation bundle serves {@code vscc}.
 */
final class LsccInvocationChecks {

    private static final Set<String> SYSTEM_NAMES = Set.of("cscc", "escc", "lscc", "qscc", "vscc");
    private static final Set<String> SPEC_TYPES = Set.of("GOLANG", "NODE", "JAVA", "CAR");

    private final Supplier<ChannelConfig> config;

    LsccInvocationChecks(Supplier<ChannelConfig> config) {
        this.config = config;
    }

    /**
     * @return why the invocation is invalid ({@code ENDORSEMENT_POLICY_FAILURE}, as Fabric reports it); empty: valid
     * @throws ValidationHaltedException the state before the block cannot be read
     */
    Optional<String> check(Block block, int txPosition, TxCheck tx, TxRwSet rwset, StateReader state,
            ApplicationConfig application) throws ValidationHaltedException {
        try {
            new Invocation(block, txPosition, tx, rwset, state, application.capabilities()).check();
            return Optional.empty();
        } catch (Invalid e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The invocation is not valid; the message is Fabric's. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private final class Invocation {
        private final Block block;
        private final int txPosition;
        private final TxCheck tx;
        private final TxRwSet rwset;
        private final StateReader state;
        private final Capabilities capabilities;

        Invocation(Block block, int txPosition, TxCheck tx, TxRwSet rwset, StateReader state, Capabilities capabilities) {
            this.block = block;
            this.txPosition = txPosition;
            this.tx = tx;
            this.rwset = rwset;
            this.state = state;
            this.capabilities = capabilities;
        }

        void check() throws Invalid, ValidationHaltedException {
            List<ByteString> args = invocationArgs();
            String function = args.get(0).toStringUtf8();
            List<ByteString> lsccArgs = args.subList(1, args.size());
            if (!function.equals("deploy") && !function.equals("upgrade")) {
                throw new Invalid("VSCC error: committing an invocation of function " + function + " of lscc is invalid");
            }
            if (lsccArgs.size() < 2) {
                throw new Invalid("Wrong number of arguments for invocation lscc(" + function + "): expected at least 2, "
                        + "received " + lsccArgs.size());
            }
            if (lsccArgs.size() > (capabilities.privateChannelData() ? 6 : 5)) {
                throw new Invalid("Wrong number of arguments for invocation lscc(" + function + "): received "
                        + lsccArgs.size());
            }
            ChaincodeSpec spec = deploymentSpec(lsccArgs.get(1), function);
            String name = spec.getChaincodeId().getName();
            String version = spec.getChaincodeId().getVersion();
            if (!LegacyLifecycle.NAME_PATTERN.matcher(name).matches()) {
                throw new Invalid("invalid chaincode name '" + name + "'");
            }
            if (SYSTEM_NAMES.contains(name)) {
                throw new Invalid("chaincode name '" + name + "' is reserved for system chaincodes");
            }
            if (!LegacyLifecycle.VERSION_PATTERN.matcher(version).matches()) {
                throw new Invalid("invalid chaincode version '" + version + "'");
            }
            KVRWSet lsccWrites = rwset.namespaces().stream().filter(ns -> ns.namespace().equals(LegacyLifecycle.NAMESPACE))
                    .findFirst().map(TxRwSet.Ns::kvRwSet).orElse(null);
            Optional<LegacyChaincodeData> ledger = deployed(name);
            LegacyChaincodeData written = writtenData(lsccWrites, name, version);
            for (TxRwSet.Ns ns : rwset.namespaces()) {
                if (!ns.namespace().equals(LegacyLifecycle.NAMESPACE) && !ns.namespace().equals(written.name())
                        && ns.kvRwSet().getWritesCount() > 0) {
                    throw new Invalid("LSCC invocation is attempting to write to namespace " + ns.namespace());
                }
            }
            if (function.equals("deploy")) {
                if (ledger.isPresent()) {
                    throw new Invalid("Chaincode " + name + " is already instantiated");
                }
                checkWrites(lsccWrites, written, lsccArgs, function, capabilities.privateChannelData());
                if (written.instantiationPolicy().isEmpty()) {
                    throw new Invalid("no instantiation policy was specified");
                }
                checkInstantiationPolicy(written.instantiationPolicy());
                return;
            }
            if (ledger.isEmpty()) {
                throw new Invalid("Upgrading non-existent chaincode " + name);
            }
            if (ledger.get().version().equals(version)) {
                throw new Invalid("Existing version of the cc on the ledger (" + version
                        + ") should be different from the upgraded one");
            }
            checkWrites(lsccWrites, written, lsccArgs, function, capabilities.v12Validation());
            ByteString old = ledger.get().instantiationPolicy();
            if (old.isEmpty()) {
                throw new Invalid("No instantiation policy was specified");
            }
            checkInstantiationPolicy(old);
            if (capabilities.v11Validation()) {
                if (written.instantiationPolicy().isEmpty()) {
                    throw new Invalid("No instantiation policy was specified");
                }
                if (!written.instantiationPolicy().equals(old)) {
                    checkInstantiationPolicy(written.instantiationPolicy());
                }
            }
        }

        private List<ByteString> invocationArgs() throws Invalid {
            ChaincodeInvocationSpec cis;
            try {
                ChaincodeProposalPayload cpp = ChaincodeProposalPayload.parseFrom(
                        tx.endorsed().actionPayload().getChaincodeProposalPayload());
                cis = ChaincodeInvocationSpec.parseFrom(cpp.getInput());
            } catch (InvalidProtocolBufferException e) {
                throw new Invalid(LegacyPackage.PROTO_PARSE_ERROR);
            }
            if (!cis.hasChaincodeSpec() || !cis.getChaincodeSpec().hasInput()
                    || cis.getChaincodeSpec().getInput().getArgsCount() == 0) {
                throw new Invalid("malformed chaincode invocation spec");
            }
            return cis.getChaincodeSpec().getInput().getArgsList();
        }

        private ChaincodeSpec deploymentSpec(ByteString bytes, String function) throws Invalid {
            ChaincodeDeploymentSpec cds;
            try {
                cds = ChaincodeDeploymentSpec.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new Invalid("GetChaincodeDeploymentSpec error error unmarshalling ChaincodeDeploymentSpec: "
                        + LegacyPackage.PROTO_PARSE_ERROR);
            }
            if (!cds.hasChaincodeSpec() || !cds.getChaincodeSpec().hasChaincodeId()) {
                throw new Invalid("VSCC error: invocation of lscc(" + function + ") does not have appropriate arguments");
            }
            String type = cds.getChaincodeSpec().getType().name();
            if (!SPEC_TYPES.contains(type)) {
                throw new Invalid("unexpected chaincode spec type: " + type);
            }
            return cds.getChaincodeSpec();
        }

        /** The chaincode as the state before the block has it. */
        private Optional<LegacyChaincodeData> deployed(String name) throws ValidationHaltedException {
            ByteString bytes = read(name);
            if (bytes == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(LegacyChaincodeData.parse(bytes));
            } catch (LegacyPackageException e) {
                throw new ValidationHaltedException("unmarshalling ChaincodeQueryResponse failed, error "
                        + e.getMessage(), e);
            }
        }

        private ByteString read(String key) throws ValidationHaltedException {
            try {
                return state.get(LegacyLifecycle.NAMESPACE, key);
            } catch (LedgerException e) {
                throw new ValidationHaltedException("could not retrieve state for chaincode " + key + " on channel "
                        + tx.channelHeader().getChannelId() + ", error " + e.getMessage(), e);
            }
        }

        /** The {@code ChaincodeData} the write set's first lscc write holds, naming the spec's chaincode. */
        private LegacyChaincodeData writtenData(KVRWSet lsccWrites, String name, String version) throws Invalid {
            if (lsccWrites == null) {
                throw new Invalid("No read write set for lscc was found");
            }
            if (lsccWrites.getWritesCount() < 1) {
                throw new Invalid("LSCC must issue at least one single putState upon deploy/upgrade");
            }
            KVWrite first = lsccWrites.getWrites(0);
            if (!first.getKey().equals(name)) {
                throw new Invalid("expected key " + name + ", found " + first.getKey());
            }
            LegacyChaincodeData cd;
            try {
                cd = LegacyChaincodeData.parse(first.getValue());
            } catch (LegacyPackageException e) {
                throw new Invalid("unmarshalling of ChaincodeData failed, error " + e.getMessage());
            }
            if (!cd.name().equals(name)) {
                throw new Invalid("expected cc name " + name + ", found " + cd.name());
            }
            if (!cd.version().equals(version)) {
                throw new Invalid("expected cc version " + version + ", found " + cd.version());
            }
            return cd;
        }

        /** The write count, and with collections (Fabric's {@code validateRWSetAndCollection}) the second write. */
        private void checkWrites(KVRWSet lsccWrites, LegacyChaincodeData cd, List<ByteString> lsccArgs, String function,
                boolean withCollections) throws Invalid, ValidationHaltedException {
            if (!withCollections) {
                if (lsccWrites.getWritesCount() != 1) {
                    throw new Invalid("LSCC can only issue a single putState upon " + function);
                }
                return;
            }
            if (lsccWrites.getWritesCount() > 2) {
                throw new Invalid("LSCC can only issue one or two putState upon deploy");
            }
            ByteString argument = lsccArgs.size() > 5 ? lsccArgs.get(5) : null;
            ByteString writtenCollections = ByteString.EMPTY;
            if (lsccWrites.getWritesCount() == 2) {
                String key = LegacyLifecycle.collectionsKey(cd.name());
                KVWrite second = lsccWrites.getWrites(1);
                if (!second.getKey().equals(key)) {
                    throw new Invalid("invalid key for the collection of chaincode " + cd.chaincodeId() + "; expected '"
                            + key + "', received '" + second.getKey() + "'");
                }
                writtenCollections = second.getValue();
            }
            if (!(argument == null ? ByteString.EMPTY : argument).equals(writtenCollections)) {
                throw new Invalid("collection configuration arguments supplied for chaincode " + cd.chaincodeId()
                        + " do not match the configuration in the lscc writeset");
            }
            if (function.equals("deploy") && existingCollections(cd) != null) {
                throw new Invalid("collection data should not exist for chaincode " + cd.chaincodeId());
            }
            if (argument == null) {
                return;
            }
            CollectionConfigPackage proposed;
            try {
                proposed = CollectionConfigPackage.parseFrom(argument);
            } catch (InvalidProtocolBufferException e) {
                throw new Invalid("invalid collection configuration supplied for chaincode " + cd.chaincodeId());
            }
            if (!capabilities.v12Validation()) {
                return;
            }
            Optional<String> invalid = LegacyCollectionRules.newConfigsError(proposed.getConfigList());
            if (invalid.isEmpty() && function.equals("upgrade")) {
                CollectionConfigPackage old = existingCollections(cd);
                if (old != null) {
                    invalid = LegacyCollectionRules.againstOldError(proposed.getConfigList(), old.getConfigList());
                }
            }
            if (invalid.isPresent()) {
                throw new Invalid(invalid.get());
            }
        }

        private CollectionConfigPackage existingCollections(LegacyChaincodeData cd) throws ValidationHaltedException {
            ByteString bytes = read(LegacyLifecycle.collectionsKey(cd.name()));
            if (bytes == null) {
                return null;
            }
            try {
                return CollectionConfigPackage.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new ValidationHaltedException("unable to check whether collection existed earlier for chaincode "
                        + cd.chaincodeId(), e);
            }
        }

        /** The transaction's creator and envelope signature against a marshalled signature policy. */
        private void checkInstantiationPolicy(ByteString policy) throws Invalid {
            try {
                Envelope env = Envelope.parseFrom(block.getData().getData(txPosition));
                SignatureHeader shdr = SignatureHeader.parseFrom(tx.payload().getHeader().getSignatureHeader());
                CompiledSignaturePolicy.fromBytes(policy.toByteArray(), config.get().deserializer())
                        .evaluateSignedData(List.of(new SignedData(env.getPayload(), shdr.getCreator(),
                                env.getSignature())));
            } catch (PolicyException | InvalidProtocolBufferException e) {
                throw new Invalid("chaincode instantiation policy violated, error " + e.getMessage());
            }
        }
    }
}
