package io.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/** Reads every organization's MSP value out of a configuration block. */
final class ConfigBlocks {

    private ConfigBlocks() {
    }

    /** MSPConfig of every organization, by its group name. */
    static Map<String, MSPConfig> mspConfigs(Path block) throws IOException {
        Block b = Block.parseFrom(Files.readAllBytes(block));
        Payload payload = Payload.parseFrom(Envelope.parseFrom(b.getData().getData(0)).getPayload());
        ConfigGroup channel = ConfigEnvelope.parseFrom(payload.getData()).getConfig().getChannelGroup();
        Map<String, MSPConfig> out = new LinkedHashMap<>();
        collect(channel, out);
        return out;
    }

    private static void collect(ConfigGroup group, Map<String, MSPConfig> out) throws InvalidProtocolBufferException {
        for (Map.Entry<String, ConfigGroup> child : group.getGroupsMap().entrySet()) {
            ConfigValue msp = child.getValue().getValuesMap().get("MSP");
            if (msp != null) {
                out.put(child.getKey(), MSPConfig.parseFrom(msp.getValue()));
            }
            collect(child.getValue(), out);
        }
    }
}
