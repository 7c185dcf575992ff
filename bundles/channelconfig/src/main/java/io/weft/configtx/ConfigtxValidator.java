package io.weft.configtx;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.Envelope;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.policies.Policy;
import io.weft.policies.PolicyException;
import io.weft.policies.PolicyManager;
import io.weft.protoutil.SignedData;

/**
 * Authorises config updates against one config (Fabric's {@code configtx.ValidatorImpl}): the read set must
 * match current versions, every changed element of the write set must move to the next version (new ones
 * start at 0) and carry a valid mod_policy, and the current element's mod_policy must be satisfied by the
 * update's signatures. Immutable and thread-safe.
 */
public final class ConfigtxValidator {

    /** The root group key of every channel config. */
    public static final String ROOT = "Channel";

    private final String channelId;
    private final Config config;
    private final Map<String, ConfigElement> configMap;
    private final PolicyManager policyManager;

    /**
     * @param policyManager the policy manager of {@code config}, rooted at {@code Channel}
     * @throws ConfigtxException {@code bad channel ID: ...} or {@code error converting config to map: ...}
     */
    public ConfigtxValidator(String channelId, Config config, PolicyManager policyManager) throws ConfigtxException {
        Objects.requireNonNull(config, "config");
        this.policyManager = Objects.requireNonNull(policyManager, "policyManager");
        if (!config.hasChannelGroup()) {
            throw new ConfigtxException("nil channel group");
        }
        try {
            ConfigIds.validateChannelId(channelId);
        } catch (ConfigtxException e) {
            throw new ConfigtxException("bad channel ID: " + e.getMessage(), e);
        }
        try {
            this.configMap = ConfigMap.map(config.getChannelGroup(), ROOT);
        } catch (ConfigtxException e) {
            throw new ConfigtxException("error converting config to map: " + e.getMessage(), e);
        }
        this.channelId = channelId;
        this.config = config;
    }

    public String channelId() {
        return channelId;
    }

    public long sequence() {
        return config.getSequence();
    }

    public Config config() {
        return config;
    }

    /**
     * Fabric's {@code ProposeConfigUpdate}: authorises a {@code CONFIG_UPDATE} envelope and returns the
     * config envelope of the next config (sequence + 1, {@code last_update} = the envelope).
     */
    public ConfigEnvelope proposeConfigUpdate(Envelope configUpdateTx) throws ConfigtxException {
        ConfigUpdateEnvelope update;
        try {
            update = ConfigUpdates.fromEnvelope(configUpdateTx);
        } catch (ConfigtxException e) {
            throw new ConfigtxException("error converting envelope to config update: " + e.getMessage(), e);
        }
        Map<String, ConfigElement> next;
        try {
            next = authorizeUpdate(update);
        } catch (ConfigtxException e) {
            throw new ConfigtxException("error authorizing update: " + e.getMessage(), e);
        }
        ConfigGroup channelGroup;
        try {
            channelGroup = ConfigMap.toConfig(next, ROOT);
        } catch (ConfigtxException e) {
            throw new ConfigtxException("could not turn configMap back to channelGroup: " + e.getMessage(), e);
        }
        return ConfigEnvelope.newBuilder()
                .setConfig(Config.newBuilder().setSequence(config.getSequence() + 1).setChannelGroup(channelGroup))
                .setLastUpdate(configUpdateTx).build();
    }

    /**
     * Fabric's {@code Validate}: checks that a config envelope (e.g. of a received config block) is the
     * result of authorising its {@code last_update} against this config.
     */
    public void validate(ConfigEnvelope configEnvelope) throws ConfigtxException {
        Objects.requireNonNull(configEnvelope, "configEnvelope");
        if (!configEnvelope.hasConfig()) {
            throw new ConfigtxException("config envelope has nil config");
        }
        if (configEnvelope.getConfig().getSequence() != config.getSequence() + 1) {
            throw new ConfigtxException("config currently at sequence " + config.getSequence()
                    + ", cannot validate config at sequence " + configEnvelope.getConfig().getSequence());
        }
        Map<String, ConfigElement> next = authorizeUpdate(ConfigUpdates.fromEnvelope(configEnvelope.getLastUpdate()));
        ConfigGroup channelGroup;
        try {
            channelGroup = ConfigMap.toConfig(next, ROOT);
        } catch (ConfigtxException e) {
            throw new ConfigtxException("could not turn configMap back to channelGroup: " + e.getMessage(), e);
        }
        if (!channelGroup.equals(configEnvelope.getConfig().getChannelGroup())) {
            throw new ConfigtxException("ConfigEnvelope LastUpdate did not produce the supplied config result");
        }
    }

    private Map<String, ConfigElement> authorizeUpdate(ConfigUpdateEnvelope envelope) throws ConfigtxException {
        ConfigUpdate update;
        try {
            update = ConfigUpdate.parseFrom(envelope.getConfigUpdate());
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigtxException("failed to unmarshal config update: " + e.getMessage(), e);
        }
        if (!update.getChannelId().equals(channelId)) {
            throw new ConfigtxException("ConfigUpdate for channel '" + update.getChannelId()
                    + "' but envelope for channel '" + channelId + "'");
        }
        Map<String, ConfigElement> readSet;
        try {
            readSet = ConfigMap.map(update.hasReadSet() ? update.getReadSet() : null, ROOT);
        } catch (ConfigtxException e) {
            throw new ConfigtxException("error mapping ReadSet: " + e.getMessage(), e);
        }
        verifyReadSet(readSet);
        Map<String, ConfigElement> writeSet;
        try {
            writeSet = ConfigMap.map(update.hasWriteSet() ? update.getWriteSet() : null, ROOT);
        } catch (ConfigtxException e) {
            throw new ConfigtxException("error mapping WriteSet: " + e.getMessage(), e);
        }
        Map<String, ConfigElement> delta = new TreeMap<>();
        writeSet.forEach((key, value) -> {
            ConfigElement read = readSet.get(key);
            if (read == null || read.version() != value.version()) {
                delta.put(key, value);
            }
        });
        try {
            verifyDeltaSet(delta, ConfigUpdates.signedData(envelope));
        } catch (ConfigtxException e) {
            throw new ConfigtxException("error validating DeltaSet: " + e.getMessage(), e);
        }
        Map<String, ConfigElement> next = new TreeMap<>(configMap);
        next.putAll(delta);
        for (String key : writeSet.keySet()) {
            if (!next.containsKey(key)) { // unreachable as in Fabric, kept as its safety net
                throw new ConfigtxException("full config did not verify: writeset contained key " + key
                        + " which did not appear in proposed config");
            }
        }
        return next;
    }

    private void verifyReadSet(Map<String, ConfigElement> readSet) throws ConfigtxException {
        for (Map.Entry<String, ConfigElement> e : readSet.entrySet()) {
            ConfigElement existing = configMap.get(e.getKey());
            if (existing == null) {
                throw new ConfigtxException("error validating ReadSet: existing config does not contain element for "
                        + e.getKey() + " but was in the read set");
            }
            if (existing.version() != e.getValue().version()) {
                throw new ConfigtxException("error validating ReadSet: proposed update requires that key " + e.getKey()
                        + " be at version " + e.getValue().version() + ", but it is currently at version "
                        + existing.version());
            }
        }
    }

    private void verifyDeltaSet(Map<String, ConfigElement> delta, List<SignedData> signedData) throws ConfigtxException {
        if (delta.isEmpty()) {
            throw new ConfigtxException("delta set was empty -- update would have no effect");
        }
        for (Map.Entry<String, ConfigElement> e : delta.entrySet()) {
            String key = e.getKey();
            ConfigElement value = e.getValue();
            try {
                validateModPolicy(value.modPolicy());
            } catch (ConfigtxException ex) {
                throw new ConfigtxException("invalid mod_policy for element " + key + ": " + ex.getMessage(), ex);
            }
            ConfigElement existing = configMap.get(key);
            if (existing == null) {
                if (value.version() != 0) {
                    throw new ConfigtxException("attempted to set key " + key + " to version " + value.version()
                            + ", but key does not exist");
                }
                continue;
            }
            if (value.version() != existing.version() + 1) {
                throw new ConfigtxException("attempt to set key " + key + " to version " + value.version()
                        + ", but key is at version " + existing.version());
            }
            Policy policy = policyFor(existing);
            if (policy == null) {
                throw new ConfigtxException("unexpected missing policy " + existing.modPolicy() + " for item " + key);
            }
            try {
                policy.evaluateSignedData(signedData);
            } catch (PolicyException ex) {
                throw new ConfigtxException("policy for " + key + " not satisfied: " + ex.getMessage(), ex);
            }
        }
    }

    private static void validateModPolicy(String modPolicy) throws ConfigtxException {
        if (modPolicy.isEmpty()) {
            throw new ConfigtxException("mod_policy not set");
        }
        String trimmed = modPolicy.charAt(0) == '/' ? modPolicy.substring(1) : modPolicy;
        String[] elements = trimmed.split("/", -1);
        for (int i = 0; i < elements.length; i++) {
            try {
                ConfigIds.validateConfigId(elements[i]);
            } catch (ConfigtxException e) {
                throw new ConfigtxException("path element at " + i + " is invalid: " + e.getMessage(), e);
            }
        }
    }

    /** Fabric's {@code policyForItem}: a relative mod_policy resolves in the element's own group. */
    private Policy policyFor(ConfigElement item) {
        PolicyManager manager = policyManager;
        String modPolicy = item.modPolicy();
        if (!modPolicy.isEmpty() && modPolicy.charAt(0) != '/' && !item.path().isEmpty()) {
            List<String> sub = new java.util.ArrayList<>(item.path().subList(1, item.path().size()));
            if (item.isGroup()) {
                sub.add(item.key());
            }
            manager = policyManager.manager(sub).orElse(null);
            if (manager == null) {
                return null;
            }
        }
        return manager.find(modPolicy).orElse(null);
    }
}
