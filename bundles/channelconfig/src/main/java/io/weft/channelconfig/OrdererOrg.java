package io.weft.channelconfig;

import java.util.List;
import java.util.Objects;

/**
 * An orderer organisation of a channel.
 *
 * @param org the organisation and its MSP
 * @param endpoints the organisation's {@code Endpoints} (V1_4_2+ channels), empty when unset
 */
public record OrdererOrg(Organization org, List<String> endpoints) {

    public OrdererOrg {
        Objects.requireNonNull(org, "org");
        endpoints = List.copyOf(endpoints);
    }

    public String name() {
        return org.name();
    }

    public String mspId() {
        return org.mspId();
    }
}
