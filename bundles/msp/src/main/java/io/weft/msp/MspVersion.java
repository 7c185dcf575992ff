package io.weft.msp;

import java.util.Collection;
import java.util.Objects;

/** The behaviour level of an MSP, chosen by the channel's capabilities (Fabric's {@code MSPVersion}). */
public enum MspVersion {
    V1_0,
    V1_1,
    V1_3,
    /** The level of every 2.x channel and of the local MSP. */
    V1_4_3;

    /**
     * The version a channel with these {@code Channel} capabilities uses (Fabric's
     * {@code ChannelProvider.MSPVersion}).
     */
    public static MspVersion forChannelCapabilities(Collection<String> capabilities) {
        Objects.requireNonNull(capabilities, "capabilities");
        if (capabilities.contains("V1_4_3") || capabilities.contains("V2_0")) {
            return V1_4_3;
        }
        if (capabilities.contains("V1_3") || capabilities.contains("V1_4_2")) {
            return V1_3;
        }
        if (capabilities.contains("V1_1")) {
            return V1_1;
        }
        return V1_0;
    }

    boolean atLeast(MspVersion other) {
        return compareTo(other) >= 0;
    }
}
