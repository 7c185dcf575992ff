package io.weft.channelconfig;

import java.util.Map;
import java.util.Objects;

import org.hyperledger.fabric.protos.common.Policy;

/**
 * A consortium of a system channel: the policy that governs creating channels and its member organisations.
 *
 * @param name the consortium name
 * @param channelCreationPolicy the {@code ChannelCreationPolicy} value
 * @param orgs the member organisations by group name
 */
public record Consortium(String name, Policy channelCreationPolicy, Map<String, Organization> orgs) {

    public Consortium {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channelCreationPolicy, "channelCreationPolicy");
        orgs = Map.copyOf(orgs);
    }
}
