package io.weft.configtx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;

/**
 * Flattening a config tree into {@code "[Group]  /Channel/Application"}-style keys and rebuilding it, as
 * Fabric's {@code configmap.go}. Keys are sorted so that the first reported error is deterministic.
 */
final class ConfigMap {

    private static final String ORDERER_CAPABILITIES = ConfigElement.VALUE_PREFIX + "/Channel/Orderer/Capabilities";
    private static final String DEFAULT_MOD_POLICY = "Admins";

    private ConfigMap() {
    }

    static Map<String, ConfigElement> map(ConfigGroup root, String rootKey) throws ConfigtxException {
        Map<String, ConfigElement> result = new TreeMap<>();
        if (root != null) {
            recurse(result, List.of(rootKey), root);
        }
        return result;
    }

    private static void add(Map<String, ConfigElement> result, ConfigElement e) throws ConfigtxException {
        try {
            ConfigIds.validateConfigId(e.key());
        } catch (ConfigtxException ex) {
            throw new ConfigtxException("illegal characters in key: " + e.prefix() + ": " + ex.getMessage(), ex);
        }
        String fq = e.path().isEmpty() ? e.prefix() + "/" + e.key()
                : e.prefix() + "/" + String.join("/", e.path()) + "/" + e.key();
        result.put(fq, e);
    }

    private static void recurse(Map<String, ConfigElement> result, List<String> path, ConfigGroup group)
            throws ConfigtxException {
        List<String> parent = path.subList(0, path.size() - 1);
        add(result, new ConfigElement(group, path.get(path.size() - 1), List.copyOf(parent)));
        for (Map.Entry<String, ConfigGroup> e : group.getGroupsMap().entrySet()) {
            List<String> next = new ArrayList<>(path);
            next.add(e.getKey());
            recurse(result, next, e.getValue());
        }
        for (Map.Entry<String, ConfigValue> e : group.getValuesMap().entrySet()) {
            add(result, new ConfigElement(e.getValue(), e.getKey(), List.copyOf(path)));
        }
        for (Map.Entry<String, ConfigPolicy> e : group.getPoliciesMap().entrySet()) {
            add(result, new ConfigElement(e.getValue(), e.getKey(), List.copyOf(path)));
        }
    }

    static ConfigGroup toConfig(Map<String, ConfigElement> map, String rootKey) throws ConfigtxException {
        return rebuild("/" + rootKey, map, map.containsKey(ORDERER_CAPABILITIES));
    }

    private static ConfigGroup rebuild(String path, Map<String, ConfigElement> map, boolean fixModPolicies)
            throws ConfigtxException {
        String groupPath = ConfigElement.GROUP_PREFIX + path;
        ConfigElement g = map.get(groupPath);
        if (g == null) {
            throw new ConfigtxException("missing group at path: " + groupPath);
        }
        if (!g.isGroup()) {
            throw new ConfigtxException("ConfigGroup not found at group path: " + groupPath);
        }
        ConfigGroup group = g.group();
        ConfigGroup.Builder out = group.toBuilder();
        for (String key : group.getGroupsMap().keySet()) {
            out.putGroups(key, rebuild(path + "/" + key, map, fixModPolicies));
        }
        for (String key : group.getValuesMap().keySet()) {
            String valuePath = ConfigElement.VALUE_PREFIX + path + "/" + key;
            ConfigElement v = map.get(valuePath);
            if (v == null) {
                throw new ConfigtxException("missing value at path: " + valuePath);
            }
            if (!(v.element() instanceof ConfigValue value)) {
                throw new ConfigtxException("ConfigValue not found at value path: " + valuePath);
            }
            out.putValues(key, fixModPolicies && value.getModPolicy().isEmpty()
                    ? value.toBuilder().setModPolicy(DEFAULT_MOD_POLICY).build() : value);
        }
        for (String key : group.getPoliciesMap().keySet()) {
            String policyPath = ConfigElement.POLICY_PREFIX + path + "/" + key;
            ConfigElement p = map.get(policyPath);
            if (p == null) {
                throw new ConfigtxException("missing policy at path: " + policyPath);
            }
            if (!(p.element() instanceof ConfigPolicy policy)) {
                throw new ConfigtxException("ConfigPolicy not found at policy path: " + policyPath);
            }
            out.putPolicies(key, fixModPolicies && policy.getModPolicy().isEmpty()
                    ? policy.toBuilder().setModPolicy(DEFAULT_MOD_POLICY).build() : policy);
        }
        // Fabric's fix for configs whose v1.0 elements lack a mod_policy, applied once orderer capabilities exist.
        if (fixModPolicies && out.getModPolicy().isEmpty()) {
            out.setModPolicy(DEFAULT_MOD_POLICY);
        }
        return out.build();
    }
}
