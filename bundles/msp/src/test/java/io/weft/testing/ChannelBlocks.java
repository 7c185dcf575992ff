package io.weft.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/** Reads the MSP values and capabilities out of a configuration block. */
public final class ChannelBlocks {

    private ChannelBlocks() {
    }

    public static ConfigGroup channelGroup(Path block) {
        try {
            Block b = Block.parseFrom(Files.readAllBytes(block));
            Envelope env = Envelope.parseFrom(b.getData().getData(0));
            Payload payload = Payload.parseFrom(env.getPayload());
            return ConfigEnvelope.parseFrom(payload.getData()).getConfig().getChannelGroup();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** MSPConfig of every organization, by MSP value location (group name). */
    public static Map<String, MSPConfig> mspConfigs(Path block) {
        Map<String, MSPConfig> out = new LinkedHashMap<>();
        collect(channelGroup(block), out);
        return out;
    }

    private static void collect(ConfigGroup g, Map<String, MSPConfig> out) {
        g.getGroupsMap().forEach((name, child) -> {
            if (child.getValuesMap().containsKey("MSP")) {
                try {
                    out.put(name, MSPConfig.parseFrom(child.getValuesMap().get("MSP").getValue()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            collect(child, out);
        });
    }

    public static Set<String> channelCapabilities(Path block) {
        try {
            return Capabilities.parseFrom(channelGroup(block).getValuesMap().get("Capabilities").getValue())
                    .getCapabilitiesMap().keySet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
