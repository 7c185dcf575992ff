package io.weft.channelconfig;

import java.util.Objects;

import io.weft.msp.Msp;

/**
 * An organisation of a channel or consortium: its config group name and its MSP.
 *
 * @param name the config group name (often, not necessarily, the MSP ID)
 * @param mspId the MSP identifier
 * @param msp the organisation's MSP, set up at the channel's MSP version
 */
public record Organization(String name, String mspId, Msp msp) {

    public Organization {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(msp, "msp");
    }
}
