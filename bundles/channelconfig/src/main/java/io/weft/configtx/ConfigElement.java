package io.weft.configtx;

import java.util.List;

import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;

import com.google.protobuf.Message;

/**
 * One element of a flattened config (Fabric's {@code comparable}): a group, value or policy, its key and the
 * path of the group holding it.
 */
record ConfigElement(Message element, String key, List<String> path) {

    static final String GROUP_PREFIX = "[Group]  ";
    static final String VALUE_PREFIX = "[Value]  ";
    static final String POLICY_PREFIX = "[Policy] ";

    boolean isGroup() {
        return element instanceof ConfigGroup;
    }

    ConfigGroup group() {
        return (ConfigGroup) element;
    }

    ConfigValue value() {
        return (ConfigValue) element;
    }

    ConfigPolicy policy() {
        return (ConfigPolicy) element;
    }

    long version() {
        if (element instanceof ConfigGroup g) {
            return g.getVersion();
        }
        if (element instanceof ConfigValue v) {
            return v.getVersion();
        }
        return ((ConfigPolicy) element).getVersion();
    }

    String modPolicy() {
        if (element instanceof ConfigGroup g) {
            return g.getModPolicy();
        }
        if (element instanceof ConfigValue v) {
            return v.getModPolicy();
        }
        return ((ConfigPolicy) element).getModPolicy();
    }

    String prefix() {
        if (element instanceof ConfigGroup) {
            return GROUP_PREFIX;
        }
        return element instanceof ConfigValue ? VALUE_PREFIX : POLICY_PREFIX;
    }
}
