package io.weft.policies;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.msp.Identity;
import io.weft.msp.IdentityDeserializer;
import io.weft.protoutil.SignedData;

/**
 * The policies of a config group tree, compiled once (Fabric's {@code policies.ManagerImpl}). A manager at
 * path {@code Channel} resolves {@code /Channel/Application/Writers} (absolute) and
 * {@code Application/Writers} or {@code Writers} (relative to its group); each manager also holds its
 * descendants' policies under {@code group/name}. Immutable and thread-safe.
 */
public final class PolicyManager {

    /** Fabric's well-known policy paths. */
    public static final String CHANNEL_READERS = "/Channel/Readers";
    public static final String CHANNEL_WRITERS = "/Channel/Writers";
    public static final String CHANNEL_ADMINS = "/Channel/Admins";
    public static final String CHANNEL_APPLICATION_READERS = "/Channel/Application/Readers";
    public static final String CHANNEL_APPLICATION_WRITERS = "/Channel/Application/Writers";
    public static final String CHANNEL_APPLICATION_ADMINS = "/Channel/Application/Admins";
    public static final String BLOCK_VALIDATION = "/Channel/Orderer/BlockValidation";
    public static final String CHANNEL_ORDERER_ADMINS = "/Channel/Orderer/Admins";
    public static final String CHANNEL_ORDERER_WRITERS = "/Channel/Orderer/Writers";
    public static final String CHANNEL_ORDERER_READERS = "/Channel/Orderer/Readers";

    private static final int SIGNATURE = 1;
    private static final int IMPLICIT_META = 3;

    private final String path;
    private final Map<String, Policy> policies;
    private final Map<String, PolicyManager> managers;

    private PolicyManager(String path, Map<String, Policy> policies, Map<String, PolicyManager> managers) {
        this.path = path;
        this.policies = Collections.unmodifiableMap(policies);
        this.managers = Collections.unmodifiableMap(managers);
    }

    /**
     * Compiles every policy of {@code group} and its sub-groups; {@code path} is the group's name
     * ({@code Channel} for a channel's root group).
     *
     * @throws PolicyException e.g. {@code policy Admins at path Channel/Application has unknown policy type: 2}
     */
    public static PolicyManager build(String path, ConfigGroup group, IdentityDeserializer deserializer)
            throws PolicyException {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(deserializer, "deserializer");
        Map<String, PolicyManager> managers = new TreeMap<>();
        for (Map.Entry<String, ConfigGroup> e : group.getGroupsMap().entrySet()) {
            managers.put(e.getKey(), build(path + "/" + e.getKey(), e.getValue(), deserializer));
        }
        Map<String, Policy> policies = new TreeMap<>();
        for (Map.Entry<String, ConfigPolicy> e : group.getPoliciesMap().entrySet()) {
            String name = e.getKey();
            if (!e.getValue().hasPolicy()) {
                throw new PolicyException("policy " + name + " at path " + path + " was nil");
            }
            var policy = e.getValue().getPolicy();
            if (policy.getType() == IMPLICIT_META) {
                ImplicitMetaPolicy definition;
                try {
                    definition = ImplicitMetaPolicy.parseFrom(policy.getValue());
                } catch (InvalidProtocolBufferException ex) {
                    throw new PolicyException("implicit policy " + name + " at path " + path
                            + " did not compile: Error unmarshalling to ImplicitMetaPolicy: " + ex.getMessage(), ex);
                }
                List<Policy> subs = new ArrayList<>(managers.size());
                for (PolicyManager m : managers.values()) {
                    subs.add(m.policy(definition.getSubPolicy()));
                }
                policies.put(name, new ImplicitMeta(definition, subs, deserializer));
            } else if (policy.getType() == SIGNATURE) {
                try {
                    policies.put(name, CompiledSignaturePolicy.fromBytes(policy.getValue().toByteArray(), deserializer));
                } catch (PolicyException ex) {
                    throw new PolicyException("policy " + name + " at path " + path + " did not compile: "
                            + ex.getMessage(), ex);
                }
            } else {
                throw new PolicyException("policy " + name + " at path " + path + " has unknown policy type: "
                        + policy.getType());
            }
        }
        for (Map.Entry<String, PolicyManager> m : managers.entrySet()) {
            m.getValue().policies.forEach((name, p) -> policies.put(m.getKey() + "/" + name, p));
        }
        return new PolicyManager(path, policies, managers);
    }

    /** The group path of this manager, e.g. {@code Channel/Application}. */
    public String path() {
        return path;
    }

    /** The manager of a sub-group, e.g. {@code ["Application", "Org1MSP"]}; the empty path is this manager. */
    public Optional<PolicyManager> manager(List<String> subPath) {
        PolicyManager m = this;
        for (String element : subPath) {
            m = m.managers.get(element);
            if (m == null) {
                return Optional.empty();
            }
        }
        return Optional.of(m);
    }

    /**
     * The policy with this id (absolute or relative), if it exists. The returned policy's failures carry its
     * full path in {@link PolicyException#policyPath()}.
     */
    public Optional<Policy> find(String id) {
        String rel = relativePath(id);
        Policy p = rel == null ? null : policies.get(rel);
        return p == null ? Optional.empty() : Optional.of(new Named("/" + path + "/" + rel, p));
    }

    /** The policy with this id, or one that rejects everything with Fabric's {@code no such policy: '...'}. */
    public Policy policy(String id) {
        Optional<Policy> p = find(id);
        if (p.isPresent()) {
            return p.get();
        }
        String rel = relativePath(id);
        return new Reject(rel == null ? id : rel);
    }

    private String relativePath(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        if (id.startsWith("/")) {
            // Fabric only checks the prefix and then cuts "/" + path + "/" off
            if (!id.startsWith("/" + path) || id.length() <= path.length() + 2) {
                return null;
            }
            return id.substring(path.length() + 2);
        }
        return id;
    }

    private record Named(String path, Policy policy) implements Policy {
        @Override
        public void evaluateSignedData(List<SignedData> signedData) throws PolicyException {
            try {
                policy.evaluateSignedData(signedData);
            } catch (PolicyException e) {
                throw e.policyPath().isPresent() ? e : new PolicyException(e.getMessage(), path);
            }
        }

        @Override
        public void evaluateIdentities(List<Identity> identities) throws PolicyException {
            try {
                policy.evaluateIdentities(identities);
            } catch (PolicyException e) {
                throw e.policyPath().isPresent() ? e : new PolicyException(e.getMessage(), path);
            }
        }
    }

    private record Reject(String id) implements Policy {
        @Override
        public void evaluateSignedData(List<SignedData> signedData) throws PolicyException {
            throw new PolicyException("no such policy: '" + id + "'", id);
        }

        @Override
        public void evaluateIdentities(List<Identity> identities) throws PolicyException {
            throw new PolicyException("no such policy: '" + id + "'", id);
        }
    }
}
