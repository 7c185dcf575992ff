package io.weft.channelconfig;

import java.util.Set;

import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/**
 * Fabric's {@code DeserializeProtoValuesFromGroup}: a group may hold only the values its level knows, and an
 * absent value reads as the empty message (so its validation reports the zero value).
 */
final class GroupValues {

    private final ConfigGroup group;

    private GroupValues(ConfigGroup group) {
        this.group = group;
    }

    static GroupValues of(ConfigGroup group, Set<String> allowed) throws ChannelConfigException {
        for (String key : group.getValuesMap().keySet()) {
            if (!allowed.contains(key)) {
                throw new ChannelConfigException("failed to deserialize values: Unexpected key " + key);
            }
        }
        return new GroupValues(group);
    }

    boolean has(String key) {
        return group.getValuesMap().containsKey(key);
    }

    @SuppressWarnings("unchecked")
    <T extends Message> T get(String key, T defaultInstance) throws ChannelConfigException {
        ConfigValue v = group.getValuesMap().get(key);
        if (v == null) {
            return defaultInstance;
        }
        try {
            return (T) defaultInstance.getParserForType().parseFrom(v.getValue());
        } catch (InvalidProtocolBufferException e) {
            throw new ChannelConfigException("failed to deserialize values: " + e.getMessage(), e);
        }
    }
}
