package io.weft.tools.configtxgen;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import io.weft.msp.MspException;
import io.weft.msp.MspFolder;
import io.weft.policies.PolicyDsl;
import io.weft.tools.configtxgen.Configtx.AnchorPeer;
import io.weft.tools.configtxgen.Configtx.Application;
import io.weft.tools.configtxgen.Configtx.Consenter;
import io.weft.tools.configtxgen.Configtx.Consortium;
import io.weft.tools.configtxgen.Configtx.Orderer;
import io.weft.tools.configtxgen.Configtx.Organization;
import io.weft.tools.configtxgen.Configtx.Profile;
import io.weft.tools.configtxgen.Configtx.RaftOptions;
import io.weft.tools.protolator.Protolator;

import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.orderer.BatchSize;
import org.hyperledger.fabric.protos.orderer.BatchTimeout;
import org.hyperledger.fabric.protos.orderer.ChannelRestrictions;
import org.hyperledger.fabric.protos.orderer.ConsensusType;
import org.hyperledger.fabric.protos.orderer.KafkaBrokers;
import org.hyperledger.fabric.protos.orderer.etcdraft.ConfigMetadata;
import org.hyperledger.fabric.protos.orderer.etcdraft.Options;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.APIResource;
import org.hyperledger.fabric.protos.peer.AnchorPeers;

/**
 * Fabric's configtxgen encoder: a profile becomes the channel's config tree (the {@code Channel} group with
 * its {@code Orderer}, {@code Application} and {@code Consortiums} sub-groups). Every map is filled in
 * key order and every value serialized deterministically, so the same profile always gives the same bytes.
 */
public final class ChannelGroups {

    static final String ADMINS = "Admins";
    static final String ORDERER_ADMINS = "/Channel/Orderer/Admins";

    private ChannelGroups() {
    }

    /** The channel group for a profile (Fabric's {@code NewChannelGroup}). */
    public static ConfigGroup channel(Profile conf) throws ConfigtxgenException {
        ConfigGroup.Builder g = ConfigGroup.newBuilder();
        try {
            policies(g, conf.policies());
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("error adding policies to channel group: " + e.getMessage(), e);
        }
        Map<String, ConfigValue> values = new TreeMap<>();
        values.put("HashingAlgorithm", value(HashingAlgorithm.newBuilder().setName("SHA256").build(), ADMINS));
        values.put("BlockDataHashingStructure",
                value(BlockDataHashingStructure.newBuilder().setWidth(0xFFFFFFFF).build(), ADMINS));
        if (conf.orderer() != null && !conf.orderer().addresses().isEmpty()) {
            values.put("OrdererAddresses", value(OrdererAddresses.newBuilder()
                    .addAllAddresses(conf.orderer().addresses()).build(), ORDERER_ADMINS));
        }
        if (!conf.consortium().isEmpty()) {
            values.put("Consortium", value(org.hyperledger.fabric.protos.common.Consortium.newBuilder()
                    .setName(conf.consortium()).build(), ADMINS));
        }
        if (!conf.capabilities().isEmpty()) {
            values.put("Capabilities", value(capabilities(conf.capabilities()), ADMINS));
        }
        g.putAllValues(values);
        Map<String, ConfigGroup> groups = new TreeMap<>();
        if (conf.orderer() != null) {
            groups.put("Orderer", wrap(() -> orderer(conf.orderer()), "could not create orderer group"));
        }
        if (conf.application() != null) {
            groups.put("Application", wrap(() -> application(conf.application()),
                    "could not create application group"));
        }
        if (conf.consortiums() != null) {
            groups.put("Consortiums", wrap(() -> consortiums(conf.consortiums()),
                    "could not create consortiums group"));
        }
        return g.putAllGroups(groups).setModPolicy(ADMINS).build();
    }

    /** The orderer group (Fabric's {@code NewOrdererGroup}); the profile's orderer must be completed. */
    public static ConfigGroup orderer(Orderer conf) throws ConfigtxgenException {
        ConfigGroup.Builder g = ConfigGroup.newBuilder();
        if (conf.policies() == null) {
            throw new ConfigtxgenException("error adding policies to orderer group: no policies defined");
        }
        if (conf.policies().get("BlockValidation") == null) {
            throw new ConfigtxgenException("error adding policies to orderer group: no BlockValidation policy defined");
        }
        try {
            policies(g, conf.policies());
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("error adding policies to orderer group: " + e.getMessage(), e);
        }
        Map<String, ConfigValue> values = new TreeMap<>();
        values.put("BatchSize", value(BatchSize.newBuilder()
                .setMaxMessageCount((int) conf.batchSize().maxMessageCount())
                .setAbsoluteMaxBytes((int) conf.batchSize().absoluteMaxBytes())
                .setPreferredMaxBytes((int) conf.batchSize().preferredMaxBytes()).build(), ADMINS));
        values.put("BatchTimeout", value(BatchTimeout.newBuilder()
                .setTimeout(GoValues.formatDuration(conf.batchTimeoutNanos())).build(), ADMINS));
        values.put("ChannelRestrictions", value(ChannelRestrictions.newBuilder()
                .setMaxCount(conf.maxChannels()).build(), ADMINS));
        if (!conf.capabilities().isEmpty()) {
            values.put("Capabilities", value(capabilities(conf.capabilities()), ADMINS));
        }
        ByteString metadata = ByteString.EMPTY;
        switch (conf.ordererType()) {
            case "solo" -> {
            }
            case "kafka" -> values.put("KafkaBrokers", value(KafkaBrokers.newBuilder()
                    .addAllBrokers(conf.kafkaBrokers()).build(), ADMINS));
            case "etcdraft" -> metadata = ByteString.copyFrom(raftMetadata(conf));
            default -> throw new ConfigtxgenException("unknown orderer type: " + conf.ordererType());
        }
        values.put("ConsensusType", value(ConsensusType.newBuilder().setType(conf.ordererType())
                .setMetadata(metadata).build(), ADMINS));
        g.putAllValues(values);
        Map<String, ConfigGroup> groups = new TreeMap<>();
        for (Organization org : conf.organizations()) {
            groups.put(org.name(), wrap(() -> ordererOrg(org), "failed to create orderer org"));
        }
        return g.putAllGroups(groups).setModPolicy(ADMINS).build();
    }

    /** An orderer org group (Fabric's {@code NewOrdererOrgGroup}): MSP, policies, endpoints. */
    public static ConfigGroup ordererOrg(Organization org) throws ConfigtxgenException {
        return orgGroup(org, "error adding policies to orderer org group '" + org.name() + "': ", values -> {
            if (!org.ordererEndpoints().isEmpty()) {
                values.put("Endpoints", value(OrdererAddresses.newBuilder()
                        .addAllAddresses(org.ordererEndpoints()).build(), ADMINS));
            }
        });
    }

    /**
     * The part orderer and application org groups share: Admins as mod policy, nothing for a foreign
     * org, else its policies and its MSP value, plus the {@code extra} values of that kind of org.
     */
    private static ConfigGroup orgGroup(Organization org, String policyError,
            java.util.function.Consumer<Map<String, ConfigValue>> extra) throws ConfigtxgenException {
        ConfigGroup.Builder g = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        if (org.skipAsForeign()) {
            return g.build();
        }
        MSPConfig msp = msp(org);
        try {
            policies(g, org.policies());
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException(policyError + e.getMessage(), e);
        }
        Map<String, ConfigValue> values = new TreeMap<>();
        values.put("MSP", value(msp, ADMINS));
        extra.accept(values);
        return g.putAllValues(values).build();
    }

    /** The application group (Fabric's {@code NewApplicationGroup}). */
    public static ConfigGroup application(Application conf) throws ConfigtxgenException {
        ConfigGroup.Builder g = ConfigGroup.newBuilder();
        try {
            policies(g, conf.policies());
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("error adding policies to application group: " + e.getMessage(), e);
        }
        Map<String, ConfigValue> values = new TreeMap<>();
        if (!conf.acls().isEmpty()) {
            ACLs.Builder acls = ACLs.newBuilder();
            new TreeMap<>(conf.acls()).forEach((name, ref) ->
                    acls.putAcls(name, APIResource.newBuilder().setPolicyRef(ref).build()));
            values.put("ACLs", value(acls.build(), ADMINS));
        }
        if (!conf.capabilities().isEmpty()) {
            values.put("Capabilities", value(capabilities(conf.capabilities()), ADMINS));
        }
        g.putAllValues(values);
        Map<String, ConfigGroup> groups = new TreeMap<>();
        for (Organization org : conf.organizations()) {
            groups.put(org.name(), wrap(() -> applicationOrg(org), "failed to create application org"));
        }
        return g.putAllGroups(groups).setModPolicy(ADMINS).build();
    }

    /** An application org group (Fabric's {@code NewApplicationOrgGroup}): MSP, policies, anchor peers. */
    public static ConfigGroup applicationOrg(Organization conf) throws ConfigtxgenException {
        return orgGroup(conf, "error adding policies to application org group " + conf.name() + ": ", values -> {
            if (!conf.anchorPeers().isEmpty()) {
                AnchorPeers.Builder anchors = AnchorPeers.newBuilder();
                for (AnchorPeer a : conf.anchorPeers()) {
                    anchors.addAnchorPeers(org.hyperledger.fabric.protos.peer.AnchorPeer.newBuilder()
                            .setHost(a.host()).setPort(a.port()));
                }
                values.put("AnchorPeers", value(anchors.build(), ADMINS));
            }
        });
    }

    /** The consortiums group of a system channel (Fabric's {@code NewConsortiumsGroup}). */
    public static ConfigGroup consortiums(Map<String, Consortium> conf) throws ConfigtxgenException {
        // Fabric's AcceptAllPolicy: zero out of no one
        SignaturePolicyEnvelope acceptAll = SignaturePolicyEnvelope.newBuilder()
                .setRule(SignaturePolicy.newBuilder().setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(0)))
                .build();
        ConfigGroup.Builder g = ConfigGroup.newBuilder().putPolicies(ADMINS, ConfigPolicy.newBuilder()
                .setPolicy(Policy.newBuilder().setType(Policy.PolicyType.SIGNATURE_VALUE)
                        .setValue(bytes(acceptAll)))
                .setModPolicy(ORDERER_ADMINS).build());
        Map<String, ConfigGroup> groups = new TreeMap<>();
        for (Map.Entry<String, Consortium> e : new TreeMap<>(conf).entrySet()) {
            groups.put(e.getKey(), wrap(() -> consortium(e.getValue()), "failed to create consortium " + e.getKey()));
        }
        return g.putAllGroups(groups).setModPolicy(ORDERER_ADMINS).build();
    }

    private static ConfigGroup consortium(Consortium conf) throws ConfigtxgenException {
        Map<String, ConfigGroup> groups = new TreeMap<>();
        for (Organization org : conf.organizations()) {
            groups.put(org.name(), wrap(() -> consortiumOrg(org), "failed to create consortium org"));
        }
        Policy anyAdmins = Policy.newBuilder().setType(Policy.PolicyType.IMPLICIT_META_VALUE)
                .setValue(bytes(ImplicitMetaPolicy.newBuilder().setRule(ImplicitMetaPolicy.Rule.ANY)
                        .setSubPolicy(ADMINS).build()))
                .build();
        return ConfigGroup.newBuilder().putAllGroups(groups)
                .putValues("ChannelCreationPolicy", value(anyAdmins, ORDERER_ADMINS))
                .setModPolicy(ORDERER_ADMINS).build();
    }

    private static ConfigGroup consortiumOrg(Organization org) throws ConfigtxgenException {
        ConfigGroup.Builder g = ConfigGroup.newBuilder().setModPolicy(ADMINS);
        if (org.skipAsForeign()) {
            return g.build();
        }
        MSPConfig msp = msp(org);
        try {
            policies(g, org.policies());
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException("error adding policies to consortiums org group '" + org.name() + "': "
                    + e.getMessage(), e);
        }
        return g.putValues("MSP", value(msp, ADMINS)).build();
    }

    // ---- pieces

    /** Fabric's {@code AddPolicies}: Admins, Readers and Writers are required. */
    static void policies(ConfigGroup.Builder g, Map<String, Configtx.Policy> policies) throws ConfigtxgenException {
        if (policies == null) {
            throw new ConfigtxgenException("no policies defined");
        }
        for (String required : List.of(ADMINS, "Readers", "Writers")) {
            if (policies.get(required) == null) {
                throw new ConfigtxgenException("no " + required + " policy defined");
            }
        }
        for (Map.Entry<String, Configtx.Policy> e : new TreeMap<>(policies).entrySet()) {
            g.putPolicies(e.getKey(), ConfigPolicy.newBuilder().setModPolicy(ADMINS)
                    .setPolicy(policy(e.getValue())).build());
        }
    }

    /** One policy definition: a Signature rule in the policy DSL, or an ImplicitMeta rule. */
    public static Policy policy(Configtx.Policy def) throws ConfigtxgenException {
        if (def == null) {
            throw new ConfigtxgenException("unknown policy type: ");
        }
        switch (def.type()) {
            case "ImplicitMeta" -> {
                return Policy.newBuilder().setType(Policy.PolicyType.IMPLICIT_META_VALUE)
                        .setValue(bytes(implicitMeta(def.rule()))).build();
            }
            case "Signature" -> {
                SignaturePolicyEnvelope sp;
                try {
                    sp = PolicyDsl.parse(def.rule());
                } catch (IllegalArgumentException e) {
                    throw new ConfigtxgenException("invalid signature policy rule '" + def.rule() + "': "
                            + e.getMessage(), e);
                }
                return Policy.newBuilder().setType(Policy.PolicyType.SIGNATURE_VALUE).setValue(bytes(sp)).build();
            }
            default -> throw new ConfigtxgenException("unknown policy type: " + def.type());
        }
    }

    /** Fabric's {@code ImplicitMetaFromString}: "ANY|ALL|MAJORITY SubPolicy". */
    static ImplicitMetaPolicy implicitMeta(String rule) throws ConfigtxgenException {
        String[] args = rule.split(" ", -1);
        String prefix = "invalid implicit meta policy rule '" + rule + "': ";
        if (args.length != 2) {
            throw new ConfigtxgenException(prefix + "expected two space separated tokens, but got " + args.length);
        }
        ImplicitMetaPolicy.Rule r = switch (args[0]) {
            case "ANY" -> ImplicitMetaPolicy.Rule.ANY;
            case "ALL" -> ImplicitMetaPolicy.Rule.ALL;
            case "MAJORITY" -> ImplicitMetaPolicy.Rule.MAJORITY;
            default -> throw new ConfigtxgenException(prefix + "unknown rule type '" + args[0]
                    + "', expected ALL, ANY, or MAJORITY");
        };
        return ImplicitMetaPolicy.newBuilder().setRule(r).setSubPolicy(args[1]).build();
    }

    /** The verifying MSP config of an org folder (Fabric's {@code GetVerifyingMspConfig}). */
    static MSPConfig msp(Organization org) throws ConfigtxgenException {
        if (!org.mspType().equals("bccsp")) {
            throw new ConfigtxgenException("1 - Error loading MSP configuration for org: " + org.name()
                    + ": " + (org.mspType().equals("idemix") ? "idemix MSPs are not supported"
                            : "unknown MSP type '" + org.mspType() + "'"));
        }
        try {
            return MSPConfig.newBuilder().setType(0)
                    .setConfig(bytes(MspFolder.verifyingConfig(org.mspDir(), org.id()))).build();
        } catch (MspException e) {
            throw new ConfigtxgenException("1 - Error loading MSP configuration for org: " + org.name() + ": "
                    + e.getMessage(), e);
        }
    }

    static Capabilities capabilities(Map<String, Boolean> caps) {
        Capabilities.Builder c = Capabilities.newBuilder();
        new TreeMap<>(caps).forEach((name, required) -> {
            if (Boolean.TRUE.equals(required)) {
                c.putCapabilities(name, Capability.getDefaultInstance());
            }
        });
        return c.build();
    }

    /** Fabric's {@code MarshalEtcdRaftMetadata}: consenter certificates are read from their files. */
    private static byte[] raftMetadata(Orderer conf) throws ConfigtxgenException {
        ConfigMetadata.Builder md = ConfigMetadata.newBuilder();
        for (Consenter c : conf.etcdRaft().consenters()) {
            byte[] client;
            byte[] server;
            try {
                client = Files.readAllBytes(c.clientTlsCert());
            } catch (IOException e) {
                throw new ConfigtxgenException("cannot marshal metadata for orderer type etcdraft: cannot load client "
                        + "cert for consenter " + c.host() + ":" + c.port() + ": " + e.getMessage(), e);
            }
            try {
                server = Files.readAllBytes(c.serverTlsCert());
            } catch (IOException e) {
                throw new ConfigtxgenException("cannot marshal metadata for orderer type etcdraft: cannot load server "
                        + "cert for consenter " + c.host() + ":" + c.port() + ": " + e.getMessage(), e);
            }
            md.addConsenters(org.hyperledger.fabric.protos.orderer.etcdraft.Consenter.newBuilder()
                    .setHost(c.host()).setPort(c.port())
                    .setClientTlsCert(ByteString.copyFrom(client)).setServerTlsCert(ByteString.copyFrom(server)));
        }
        RaftOptions o = conf.etcdRaft().options();
        md.setOptions(Options.newBuilder().setTickInterval(o.tickInterval())
                .setElectionTick((int) o.electionTick()).setHeartbeatTick((int) o.heartbeatTick())
                .setMaxInflightBlocks((int) o.maxInflightBlocks())
                .setSnapshotIntervalSize((int) o.snapshotIntervalSize()));
        return Protolator.deterministicBytes(md.build());
    }

    static ConfigValue value(Message value, String modPolicy) {
        return ConfigValue.newBuilder().setValue(bytes(value)).setModPolicy(modPolicy).build();
    }

    static ByteString bytes(Message m) {
        return ByteString.copyFrom(Protolator.deterministicBytes(m));
    }

    @FunctionalInterface
    private interface GroupMaker {
        ConfigGroup make() throws ConfigtxgenException;
    }

    private static ConfigGroup wrap(GroupMaker maker, String context) throws ConfigtxgenException {
        try {
            return maker.make();
        } catch (ConfigtxgenException e) {
            throw new ConfigtxgenException(context + ": " + e.getMessage(), e);
        }
    }
}
