package io.weft.tools.configtxlator;

import java.util.Map;
import java.util.TreeMap;

import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigValue;

/**
 * Fabric's config update computation (internal/configtxlator/update): the read set names the versions of
 * everything the update depends on, the write set carries changed elements with bumped versions. A group
 * whose member set or mod_policy changes is rewritten as a whole (its unchanged members keep their
 * versions); otherwise only the changed members appear. Map entries are added in key order.
 */
public final class ConfigUpdates {

    private ConfigUpdates() {
    }

    /**
     * The update that turns {@code original} into {@code updated}; the caller sets the channel ID.
     *
     * @throws IllegalArgumentException when a channel group is missing or nothing differs
     */
    public static ConfigUpdate compute(Config original, Config updated) {
        if (!original.hasChannelGroup()) {
            throw new IllegalArgumentException("no channel group included for original config");
        }
        if (!updated.hasChannelGroup()) {
            throw new IllegalArgumentException("no channel group included for updated config");
        }
        GroupUpdate u = group(original.getChannelGroup(), updated.getChannelGroup());
        if (!u.updated) {
            throw new IllegalArgumentException("no differences detected between original and updated config");
        }
        return ConfigUpdate.newBuilder().setReadSet(u.readSet).setWriteSet(u.writeSet).build();
    }

    private record GroupUpdate(ConfigGroup readSet, ConfigGroup writeSet, boolean updated) {
    }

    /** Read, write and unchanged members of one map, and whether members were added or removed. */
    private static final class MapUpdate<T> {
        final Map<String, T> read = new TreeMap<>();
        final Map<String, T> write = new TreeMap<>();
        final Map<String, T> same = new TreeMap<>();
        boolean membersChanged;
    }

    private static MapUpdate<ConfigPolicy> policies(Map<String, ConfigPolicy> original,
            Map<String, ConfigPolicy> updated) {
        MapUpdate<ConfigPolicy> u = new MapUpdate<>();
        for (Map.Entry<String, ConfigPolicy> e : new TreeMap<>(original).entrySet()) {
            ConfigPolicy orig = e.getValue();
            ConfigPolicy upd = updated.get(e.getKey());
            if (upd == null) {
                u.membersChanged = true;
                continue;
            }
            boolean samePolicy = orig.hasPolicy() == upd.hasPolicy() && orig.getPolicy().equals(upd.getPolicy());
            if (orig.getModPolicy().equals(upd.getModPolicy()) && samePolicy) {
                u.same.put(e.getKey(), ConfigPolicy.newBuilder().setVersion(orig.getVersion()).build());
                continue;
            }
            u.write.put(e.getKey(), written(upd, orig.getVersion() + 1));
        }
        for (Map.Entry<String, ConfigPolicy> e : new TreeMap<>(updated).entrySet()) {
            if (!original.containsKey(e.getKey())) {
                u.membersChanged = true;
                u.write.put(e.getKey(), written(e.getValue(), 0));
            }
        }
        return u;
    }

    private static ConfigPolicy written(ConfigPolicy updated, long version) {
        ConfigPolicy.Builder b = ConfigPolicy.newBuilder().setVersion(version).setModPolicy(updated.getModPolicy());
        if (updated.hasPolicy()) {
            b.setPolicy(updated.getPolicy());
        }
        return b.build();
    }

    private static MapUpdate<ConfigValue> values(Map<String, ConfigValue> original, Map<String, ConfigValue> updated) {
        MapUpdate<ConfigValue> u = new MapUpdate<>();
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(original).entrySet()) {
            ConfigValue orig = e.getValue();
            ConfigValue upd = updated.get(e.getKey());
            if (upd == null) {
                u.membersChanged = true;
                continue;
            }
            if (orig.getModPolicy().equals(upd.getModPolicy()) && orig.getValue().equals(upd.getValue())) {
                u.same.put(e.getKey(), ConfigValue.newBuilder().setVersion(orig.getVersion()).build());
                continue;
            }
            u.write.put(e.getKey(), ConfigValue.newBuilder().setVersion(orig.getVersion() + 1)
                    .setModPolicy(upd.getModPolicy()).setValue(upd.getValue()).build());
        }
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(updated).entrySet()) {
            if (!original.containsKey(e.getKey())) {
                u.membersChanged = true;
                u.write.put(e.getKey(), ConfigValue.newBuilder().setVersion(0)
                        .setModPolicy(e.getValue().getModPolicy()).setValue(e.getValue().getValue()).build());
            }
        }
        return u;
    }

    private static MapUpdate<ConfigGroup> groups(Map<String, ConfigGroup> original, Map<String, ConfigGroup> updated) {
        MapUpdate<ConfigGroup> u = new MapUpdate<>();
        for (Map.Entry<String, ConfigGroup> e : new TreeMap<>(original).entrySet()) {
            ConfigGroup upd = updated.get(e.getKey());
            if (upd == null) {
                u.membersChanged = true;
                continue;
            }
            GroupUpdate g = group(e.getValue(), upd);
            if (!g.updated) {
                u.same.put(e.getKey(), g.readSet);
                continue;
            }
            u.read.put(e.getKey(), g.readSet);
            u.write.put(e.getKey(), g.writeSet);
        }
        for (Map.Entry<String, ConfigGroup> e : new TreeMap<>(updated).entrySet()) {
            if (original.containsKey(e.getKey())) {
                continue;
            }
            u.membersChanged = true;
            GroupUpdate g = group(ConfigGroup.getDefaultInstance(), e.getValue());
            u.write.put(e.getKey(), g.writeSet.toBuilder().setVersion(0).setModPolicy(e.getValue().getModPolicy())
                    .build());
        }
        return u;
    }

    private static GroupUpdate group(ConfigGroup original, ConfigGroup updated) {
        MapUpdate<ConfigPolicy> p = policies(original.getPoliciesMap(), updated.getPoliciesMap());
        MapUpdate<ConfigValue> v = values(original.getValuesMap(), updated.getValuesMap());
        MapUpdate<ConfigGroup> g = groups(original.getGroupsMap(), updated.getGroupsMap());
        boolean modPolicyChanged = !original.getModPolicy().equals(updated.getModPolicy());
        if (!(p.membersChanged || v.membersChanged || g.membersChanged || modPolicyChanged)) {
            // only changed members are listed, each with its own version checks
            ConfigGroup read = ConfigGroup.newBuilder().setVersion(original.getVersion())
                    .putAllPolicies(p.read).putAllValues(v.read).putAllGroups(g.read).build();
            ConfigGroup write = ConfigGroup.newBuilder().setVersion(original.getVersion())
                    .putAllPolicies(p.write).putAllValues(v.write).putAllGroups(g.write).build();
            boolean changed = !(p.read.isEmpty() && p.write.isEmpty() && v.read.isEmpty() && v.write.isEmpty()
                    && g.read.isEmpty() && g.write.isEmpty());
            return new GroupUpdate(read, write, changed);
        }
        // the group itself changes: its whole member set is restated, unchanged members at their versions
        p.read.putAll(p.same);
        p.write.putAll(p.same);
        v.read.putAll(v.same);
        v.write.putAll(v.same);
        g.read.putAll(g.same);
        g.write.putAll(g.same);
        ConfigGroup read = ConfigGroup.newBuilder().setVersion(original.getVersion())
                .putAllPolicies(p.read).putAllValues(v.read).putAllGroups(g.read).build();
        ConfigGroup write = ConfigGroup.newBuilder().setVersion(original.getVersion() + 1)
                .putAllPolicies(p.write).putAllValues(v.write).putAllGroups(g.write)
                .setModPolicy(updated.getModPolicy()).build();
        return new GroupUpdate(read, write, true);
    }
}
