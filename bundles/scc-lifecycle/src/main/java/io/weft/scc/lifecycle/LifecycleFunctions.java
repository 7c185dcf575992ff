package io.weft.scc.lifecycle;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.common.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;

import io.weft.api.channel.ChannelView;
import io.weft.lifecycle.ChaincodeDefinition;
import io.weft.lifecycle.ChaincodeCollections;
import io.weft.lifecycle.Structure;

/**
 * Fabric's lifecycle functions behind the system chaincode ({@code ExternalFunctions}): sequence rules, defaults,
 * approvals in an org's implicit collection, readiness by hash comparison against every org's collection, commit,
 * and the queries, with Fabric's messages.
 */
final class LifecycleFunctions {

    private static final Logger LOG = LoggerFactory.getLogger("io.weft.scc.lifecycle");

    static final String NAMESPACES = Structure.NAMESPACES;
    static final String CHAINCODE_SOURCES = Structure.CHAINCODE_SOURCES;
    static final String DEFINITION_TYPE = "ChaincodeDefinition";
    static final String PARAMETERS_TYPE = "ChaincodeParameters";
    static final String LOCAL_PACKAGE_TYPE = "ChaincodeLocalPackage";
    static final String FRIENDLY_DEFINITION_TYPE = "Chaincode";

    static final String DEFAULT_ENDORSEMENT_POLICY_REF = "/Channel/Application/Endorsement";
    static final String DEFAULT_ENDORSEMENT_PLUGIN = "escc";
    static final String DEFAULT_VALIDATION_PLUGIN = "vscc";

    /** An approved definition and the package the org approved it with. */
    record Approved(ChaincodeDefinition definition, ChaincodeSource source) {
    }

    /** Per org (by MSP ID) whether it approved, and what differs where it did not. */
    record Approvals(Map<String, Boolean> approved, Map<String, List<String>> mismatches) {
    }

    /** A committed chaincode that runs an installed package for this org. */
    record Reference(String chaincode, String version) {
    }

    private LifecycleFunctions() {
    }

    /**
     * Fabric's cache references on one channel, by package ID: each committed chaincode whose current definition this
     * org approved, with the local package it approved it with.
     */
    static Map<String, List<Reference>> references(States.Public publicState, States.Collection myOrg)
            throws LifecycleException {
        Map<String, List<Reference>> out = new TreeMap<>();
        for (Map.Entry<String, String> ns : namespaceDefinitions(publicState).entrySet()) {
            if (!FRIENDLY_DEFINITION_TYPE.equals(ns.getValue())) {
                continue;
            }
            String name = ns.getKey();
            ChaincodeDefinition cd = queryDefinition(name, publicState);
            if (!orgApprovals(name, cd, List.of(myOrg)).mismatches().isEmpty()) {
                continue;
            }
            localPackage(privateName(name, cd.sequence()), myOrg).ifPresent(packageId -> out
                    .computeIfAbsent(packageId, k -> new ArrayList<>())
                    .add(new Reference(name, cd.endorsementInfo().getVersion())));
        }
        return out;
    }

    static String privateName(String chaincode, long sequence) {
        return chaincode + "#" + sequence;
    }

    static long currentSequence(String chaincode, States.Readable publicState) throws LifecycleException {
        try {
            return Serializer.int64Field(NAMESPACES, chaincode, "Sequence", publicState);
        } catch (LifecycleException e) {
            throw e.wrap("could not get current sequence");
        }
    }

    /** Fabric's {@code SetChaincodeDefinitionDefaults}: plugins {@code escc}/{@code vscc}, the channel's policy. */
    static ChaincodeDefinition withDefaults(ChannelView channel, ChaincodeDefinition cd) throws LifecycleException {
        ChaincodeEndorsementInfo.Builder endorsement = cd.endorsementInfo().toBuilder();
        if (endorsement.getEndorsementPlugin().isEmpty()) {
            endorsement.setEndorsementPlugin(DEFAULT_ENDORSEMENT_PLUGIN);
        }
        ChaincodeValidationInfo.Builder validation = cd.validationInfo().toBuilder();
        if (validation.getValidationPlugin().isEmpty()) {
            validation.setValidationPlugin(DEFAULT_VALIDATION_PLUGIN);
        }
        if (validation.getValidationParameter().isEmpty()) {
            if (!channel.hasPolicy(DEFAULT_ENDORSEMENT_POLICY_REF)) {
                throw new LifecycleException("could not set defaults for chaincode definition in channel "
                        + channel.channelId() + ": policy '" + DEFAULT_ENDORSEMENT_POLICY_REF
                        + "' must be defined for channel '" + channel.channelId()
                        + "' before chaincode operations can be attempted");
            }
            validation.setValidationParameter(ApplicationPolicy.newBuilder()
                    .setChannelConfigPolicyReference(DEFAULT_ENDORSEMENT_POLICY_REF).build().toByteString());
        }
        return new ChaincodeDefinition(cd.sequence(), endorsement.build(), validation.build(), cd.collections());
    }

    /** Fabric's {@code ChaincodeParameters.Equal}: the first difference, if any. */
    static Optional<String> parametersDiffer(ChaincodeDefinition expected, ChaincodeDefinition passed) {
        ChaincodeEndorsementInfo e = expected.endorsementInfo();
        ChaincodeEndorsementInfo p = passed.endorsementInfo();
        ChaincodeValidationInfo ev = expected.validationInfo();
        ChaincodeValidationInfo pv = passed.validationInfo();
        if (!e.getVersion().equals(p.getVersion())) {
            return Optional.of("expected Version '" + e.getVersion() + "' does not match passed Version '"
                    + p.getVersion() + "'");
        }
        if (!e.getEndorsementPlugin().equals(p.getEndorsementPlugin())) {
            return Optional.of("expected EndorsementPlugin '" + e.getEndorsementPlugin()
                    + "' does not match passed EndorsementPlugin '" + p.getEndorsementPlugin() + "'");
        }
        if (e.getInitRequired() != p.getInitRequired()) {
            return Optional.of("expected InitRequired '" + e.getInitRequired() + "' does not match passed InitRequired '"
                    + p.getInitRequired() + "'");
        }
        if (!ev.getValidationPlugin().equals(pv.getValidationPlugin())) {
            return Optional.of("expected ValidationPlugin '" + ev.getValidationPlugin()
                    + "' does not match passed ValidationPlugin '" + pv.getValidationPlugin() + "'");
        }
        if (!ev.getValidationParameter().equals(pv.getValidationParameter())) {
            return Optional.of("expected ValidationParameter '" + hex(ev.getValidationParameter())
                    + "' does not match passed ValidationParameter '" + hex(pv.getValidationParameter()) + "'");
        }
        if (!expected.collections().equals(passed.collections())) {
            return Optional.of("Collections do not match");
        }
        return Optional.empty();
    }

    /** Fabric's {@code ApproveChaincodeDefinitionForOrg}. */
    static void approve(ChannelView channel, String chaincode, ChaincodeDefinition requested, String packageId,
            States.Readable publicState, States.ReadWritable orgState) throws LifecycleException {
        long current = currentSequence(chaincode, publicState);
        long sequence = requested.sequence();
        if (current == sequence && sequence == 0) {
            throw new LifecycleException("requested sequence is 0, but first definable sequence number is 1");
        }
        if (sequence < current) {
            throw new LifecycleException("currently defined sequence " + current + " is larger than requested sequence "
                    + sequence);
        }
        if (sequence > current + 1) {
            throw new LifecycleException("requested sequence " + sequence
                    + " is larger than the next available sequence number " + (current + 1));
        }
        ChaincodeDefinition cd = withDefaults(channel, requested);
        String privateName = privateName(chaincode, sequence);
        if (sequence == current) {
            StateMetadata metadata;
            try {
                metadata = Serializer.metadata(NAMESPACES, chaincode, publicState).orElseThrow(
                        () -> new LifecycleException("missing metadata for currently committed sequence number ("
                                + current + ")"));
            } catch (LifecycleException e) {
                throw e.getMessage().startsWith("missing metadata") ? e
                        : e.wrap("could not fetch metadata for current definition");
            }
            ChaincodeDefinition defined;
            try {
                defined = definition(chaincode, metadata, publicState);
            } catch (LifecycleException e) {
                throw e.wrap("could not deserialize namespace " + chaincode + " as chaincode");
            }
            Optional<String> differs = parametersDiffer(defined, cd);
            if (differs.isPresent()) {
                throw new LifecycleException("attempted to redefine the current committed sequence (" + current
                        + ") for namespace " + chaincode + " with different parameters: " + differs.get());
            }
            if (isRedefinition(privateName, packageId, sequence, cd, orgState)) {
                throw new LifecycleException("attempted to redefine the current committed sequence (" + current
                        + ") for namespace " + chaincode);
            }
        }
        if (sequence == current + 1 && isRedefinition(privateName, packageId, sequence, cd, orgState)) {
            throw new LifecycleException("attempted to redefine uncommitted sequence (" + sequence + ") for namespace "
                    + chaincode + " with unchanged content");
        }
        try {
            Serializer.serialize(NAMESPACES, privateName, Structure.parameters(cd), orgState);
        } catch (LifecycleException e) {
            throw e.wrap("could not serialize chaincode parameters to state");
        }
        try {
            // an empty package ID is an approval that makes the chaincode not invocable on this org's peers
            Serializer.serialize(CHAINCODE_SOURCES, privateName, Structure.localPackage(packageId), orgState);
        } catch (LifecycleException e) {
            throw e.wrap("could not serialize chaincode package info to state");
        }
        LOG.info("Successfully endorsed chaincode approval with name '{}', package ID '{}', on channel '{}' with "
                + "definition {{}}", chaincode, packageId, channel.channelId(), describe(cd));
    }

    /** Whether the org already approved exactly these parameters with this package at this sequence. */
    private static boolean isRedefinition(String privateName, String packageId, long sequence, ChaincodeDefinition cd,
            States.ReadWritable orgState) throws LifecycleException {
        Optional<StateMetadata> metadata;
        try {
            metadata = Serializer.metadata(NAMESPACES, privateName, orgState);
        } catch (LifecycleException e) {
            throw e.wrap("could not fetch chaincode definition, chaincode " + privateName + ", requested at sequence "
                    + sequence);
        }
        if (metadata.isEmpty()) {
            return false;
        }
        ChaincodeDefinition approved;
        try {
            approved = parameters(privateName, sequence, metadata.get(), orgState);
        } catch (LifecycleException e) {
            throw e.wrap("could not deserialize namespace " + privateName + " as chaincode");
        }
        if (parametersDiffer(approved, cd).isPresent()) {
            return false;
        }
        Optional<String> approvedPackage = localPackage(privateName, orgState);
        return approvedPackage.isPresent() && approvedPackage.get().equals(packageId);
    }

    /** Fabric's {@code CheckCommitReadiness}. */
    static Approvals checkCommitReadiness(ChannelView channel, String chaincode, ChaincodeDefinition requested,
            States.Readable publicState, List<States.Opaque> orgStates) throws LifecycleException {
        long current = currentSequence(chaincode, publicState);
        if (requested.sequence() != current + 1) {
            throw new LifecycleException("requested sequence is " + requested.sequence()
                    + ", but new definition must be sequence " + (current + 1));
        }
        ChaincodeDefinition cd = withDefaults(channel, requested);
        Approvals approvals = orgApprovals(chaincode, cd, orgStates);
        LOG.info("Successfully checked commit readiness of chaincode name '{}' on channel '{}' with definition {{}}",
                chaincode, channel.channelId(), describe(cd));
        return approvals;
    }

    /** Fabric's {@code CommitChaincodeDefinition}: writes the definition; the caller checks its own org approved. */
    static Map<String, Boolean> commit(ChannelView channel, String chaincode, ChaincodeDefinition requested,
            States.ReadWritable publicState, List<States.Opaque> orgStates) throws LifecycleException {
        Approvals approvals = checkCommitReadiness(channel, chaincode, requested, publicState, orgStates);
        try {
            Serializer.serialize(NAMESPACES, chaincode, Structure.definition(withDefaults(channel, requested)),
                    publicState);
        } catch (LifecycleException e) {
            throw e.wrap("could not serialize chaincode definition");
        }
        return approvals.approved();
    }

    /** Fabric's {@code QueryOrgApprovals}: compares hashes of the parameters against every org's collection. */
    static Approvals orgApprovals(String chaincode, ChaincodeDefinition cd, List<States.Opaque> orgStates) {
        Map<String, Boolean> approved = new TreeMap<>();
        Map<String, List<String>> mismatches = new TreeMap<>();
        String privateName = privateName(chaincode, cd.sequence());
        for (States.Opaque org : orgStates) {
            List<String> differ = Structure.parameters(cd).mismatches(NAMESPACES, privateName, org::hash);
            String mspId = ChaincodeCollections.implicitCollectionMspId(org.collection()).orElse("");
            approved.put(mspId, differ.isEmpty());
            if (!differ.isEmpty()) {
                mismatches.put(mspId, differ);
            }
        }
        return new Approvals(approved, mismatches);
    }

    /** Fabric's {@code QueryApprovedChaincodeDefinition}; sequence 0: the latest (next if approved, else current). */
    static Approved queryApproved(ChannelView channel, String chaincode, long sequence, States.Readable publicState,
            States.Readable orgState) throws LifecycleException {
        long requested = sequence;
        if (requested == 0) {
            long current = currentSequence(chaincode, publicState);
            requested = current;
            String next = privateName(chaincode, current + 1);
            try {
                if (Serializer.metadata(NAMESPACES, next, orgState).isPresent()) {
                    requested = current + 1;
                }
            } catch (LifecycleException e) {
                throw e.wrap("could not deserialize namespace metadata for next sequence " + (current + 1));
            }
        }
        LOG.info("Attempting to fetch approved definition (name: '{}', sequence: '{}') on channel '{}'", chaincode,
                requested, channel.channelId());
        String privateName = privateName(chaincode, requested);
        Optional<StateMetadata> metadata;
        try {
            metadata = Serializer.metadata(NAMESPACES, privateName, orgState);
        } catch (LifecycleException e) {
            throw e.wrap("could not deserialize namespace metadata for " + privateName);
        }
        if (metadata.isEmpty()) {
            throw new LifecycleException("could not fetch approved chaincode definition (name: '" + chaincode
                    + "', sequence: '" + requested + "') on channel '" + channel.channelId() + "'");
        }
        return approved(chaincode, requested, metadata.get(), orgState);
    }

    /** Fabric's {@code QueryApprovedChaincodeDefinitions}: every approval in the org's collection, by private name. */
    static Map<String, Approved> queryApprovedAll(ChannelView channel, States.ReadWritable orgState,
            States.Rangeable orgRange) throws LifecycleException {
        Map<String, StateMetadata> metadatas;
        try {
            metadatas = Serializer.allMetadata(NAMESPACES, orgRange);
        } catch (LifecycleException e) {
            throw e.wrap("could not fetch metadatas");
        }
        Map<String, Approved> out = new LinkedHashMap<>();
        for (Map.Entry<String, StateMetadata> entry : metadatas.entrySet()) {
            String privateName = entry.getKey();
            int hash = privateName.indexOf('#');
            if (hash < 0 || privateName.indexOf('#', hash + 1) >= 0) {
                throw new LifecycleException("could not extract chaincode name and sequence number from metadata: "
                        + privateName + ": invalid private name format: " + privateName);
            }
            String chaincode = privateName.substring(0, hash);
            long sequence;
            try {
                sequence = Long.parseLong(privateName.substring(hash + 1));
            } catch (NumberFormatException e) {
                throw new LifecycleException("could not extract chaincode name and sequence number from metadata: "
                        + privateName + ": invalid sequence number in private name: " + privateName + ": strconv.ParseInt: parsing \""
                        + privateName.substring(hash + 1) + "\": invalid syntax");
            }
            try {
                out.put(privateName, approved(chaincode, sequence, entry.getValue(), orgState));
            } catch (LifecycleException e) {
                throw e.wrap("could not fetch approved chaincode definition (name: '" + chaincode + "', sequence: '"
                        + sequence + "') on channel '" + channel.channelId() + "'");
            }
        }
        return out;
    }

    private static Approved approved(String chaincode, long sequence, StateMetadata metadata, States.Readable orgState)
            throws LifecycleException {
        String privateName = privateName(chaincode, sequence);
        if (!PARAMETERS_TYPE.equals(metadata.getDatatype())) {
            throw new LifecycleException("not a chaincode parameters type: " + metadata.getDatatype());
        }
        ChaincodeDefinition parameters;
        try {
            parameters = parameters(privateName, sequence, metadata, orgState);
        } catch (LifecycleException e) {
            throw e.wrap("could not deserialize chaincode parameters for " + privateName);
        }
        Optional<StateMetadata> sourceMetadata;
        try {
            sourceMetadata = Serializer.metadata(CHAINCODE_SOURCES, privateName, orgState);
        } catch (LifecycleException e) {
            throw e.wrap("could not deserialize chaincode-source metadata for " + privateName);
        }
        if (sourceMetadata.isEmpty()) {
            throw new LifecycleException("could not fetch chaincode-source metadata for " + privateName);
        }
        if (!LOCAL_PACKAGE_TYPE.equals(sourceMetadata.get().getDatatype())) {
            throw new LifecycleException("not a chaincode local package type: " + sourceMetadata.get().getDatatype());
        }
        String packageId;
        try {
            packageId = Serializer.stringField(CHAINCODE_SOURCES, privateName, "PackageID", orgState);
        } catch (LifecycleException e) {
            throw e.wrap("could not deserialize chaincode package for " + privateName);
        }
        ChaincodeSource source = packageId.isEmpty()
                ? ChaincodeSource.newBuilder().setUnavailable(ChaincodeSource.Unavailable.getDefaultInstance()).build()
                : ChaincodeSource.newBuilder().setLocalPackage(ChaincodeSource.Local.newBuilder().setPackageId(packageId))
                        .build();
        return new Approved(parameters, source);
    }

    /** The package ID an org approved under {@code privateName}, if a local package is recorded. */
    private static Optional<String> localPackage(String privateName, States.Readable orgState)
            throws LifecycleException {
        Optional<StateMetadata> metadata;
        try {
            metadata = Serializer.metadata(CHAINCODE_SOURCES, privateName, orgState);
        } catch (LifecycleException e) {
            throw e.wrap("could not deserialize chaincode-source metadata for " + privateName);
        }
        if (metadata.isEmpty()) {
            return Optional.empty();
        }
        try {
            Serializer.requireType(metadata.get(), LOCAL_PACKAGE_TYPE);
            return Optional.of(Serializer.stringField(CHAINCODE_SOURCES, privateName, "PackageID", orgState));
        } catch (LifecycleException e) {
            throw e.wrap("could not deserialize chaincode package for " + privateName);
        }
    }

    /** Fabric's {@code QueryChaincodeDefinition}. */
    static ChaincodeDefinition queryDefinition(String chaincode, States.Readable publicState) throws LifecycleException {
        ChaincodeDefinition defined = committed(chaincode, publicState)
                .orElseThrow(() -> new NotFoundException("namespace " + chaincode + " is not defined"));
        LOG.info("Successfully queried chaincode name '{}' with definition {{}},", chaincode, describe(defined));
        return defined;
    }

    /** The committed definition of {@code chaincode}, if the namespace is defined. */
    static Optional<ChaincodeDefinition> committed(String chaincode, States.Readable publicState)
            throws LifecycleException {
        Optional<StateMetadata> metadata;
        try {
            metadata = Serializer.metadata(NAMESPACES, chaincode, publicState);
        } catch (LifecycleException e) {
            throw e.wrap("could not fetch metadata for namespace " + chaincode);
        }
        if (metadata.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(definition(chaincode, metadata.get(), publicState));
        } catch (LifecycleException e) {
            throw e.wrap("could not deserialize namespace " + chaincode + " as chaincode");
        }
    }

    /** Fabric's {@code QueryNamespaceDefinitions}: every defined namespace and its friendly type. */
    static Map<String, String> namespaceDefinitions(States.Rangeable publicState) throws LifecycleException {
        Map<String, StateMetadata> metadatas;
        try {
            metadatas = Serializer.allMetadata(NAMESPACES, publicState);
        } catch (LifecycleException e) {
            throw e.wrap("could not query namespace metadata");
        }
        Map<String, String> out = new TreeMap<>();
        metadatas.forEach((name, metadata) -> out.put(name,
                DEFINITION_TYPE.equals(metadata.getDatatype()) ? FRIENDLY_DEFINITION_TYPE : metadata.getDatatype()));
        return out;
    }

    /** A committed {@code ChaincodeDefinition} structure. */
    private static ChaincodeDefinition definition(String name, StateMetadata metadata, States.Readable state)
            throws LifecycleException {
        Serializer.requireType(metadata, DEFINITION_TYPE);
        long sequence = Serializer.int64Field(NAMESPACES, name, "Sequence", state);
        return fields(NAMESPACES, name, sequence, state);
    }

    /** An approved {@code ChaincodeParameters} structure, with the sequence its private name carries. */
    private static ChaincodeDefinition parameters(String privateName, long sequence, StateMetadata metadata,
            States.Readable state) throws LifecycleException {
        Serializer.requireType(metadata, PARAMETERS_TYPE);
        return fields(NAMESPACES, privateName, sequence, state);
    }

    private static ChaincodeDefinition fields(String prefix, String name, long sequence, States.Readable state)
            throws LifecycleException {
        return new ChaincodeDefinition(sequence,
                Serializer.protoField(prefix, name, "EndorsementInfo", state, ChaincodeEndorsementInfo.parser(),
                        "*lifecycle.ChaincodeEndorsementInfo"),
                Serializer.protoField(prefix, name, "ValidationInfo", state, ChaincodeValidationInfo.parser(),
                        "*lifecycle.ChaincodeValidationInfo"),
                Serializer.protoField(prefix, name, "Collections", state, CollectionConfigPackage.parser(),
                        "*peer.CollectionConfigPackage"));
    }

    /** Fabric's {@code ChaincodeDefinition.String()}, for the log. */
    static String describe(ChaincodeDefinition cd) {
        return "sequence: " + cd.sequence() + ", endorsement info: (version: '" + cd.endorsementInfo().getVersion()
                + "', plugin: '" + cd.endorsementInfo().getEndorsementPlugin() + "', init required: "
                + cd.endorsementInfo().getInitRequired() + "), validation info: (plugin: '"
                + cd.validationInfo().getValidationPlugin() + "', policy: '"
                + hex(cd.validationInfo().getValidationParameter()) + "'), collections: ("
                + cd.collections().getConfigList().stream().map(c -> c.getStaticCollectionConfig().getName()).toList()
                + ")";
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
