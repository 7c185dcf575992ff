package io.weft.channelconfig;

import java.util.Map;

/** Fabric's {@code Bundle.ValidateNew}: what a new config of the same channel may not change. */
final class Transitions {

    private Transitions() {
    }

    static void check(ChannelConfig current, ChannelConfig next) throws ChannelConfigException {
        if (current.orderer().isPresent()) {
            OrdererConfig oc = current.orderer().get();
            OrdererConfig noc = next.orderer().orElseThrow(() ->
                    new ChannelConfigException("current config has orderer section, but new config does not"));
            if (!current.capabilities().consensusTypeMigration() && !oc.consensusType().equals(noc.consensusType())) {
                throw new ChannelConfigException("attempted to change consensus type from " + oc.consensusType() + " to "
                        + noc.consensusType());
            }
            for (Map.Entry<String, OrdererOrg> e : oc.orgs().entrySet()) {
                OrdererOrg norg = noc.orgs().get(e.getKey());
                if (norg != null && !norg.mspId().equals(e.getValue().mspId())) {
                    throw new ChannelConfigException("orderer org " + e.getKey() + " attempted to change MSP ID from "
                            + e.getValue().mspId() + " to " + norg.mspId());
                }
            }
        }
        if (current.application().isPresent()) {
            ApplicationConfig nac = next.application().orElseThrow(() ->
                    new ChannelConfigException("current config has application section, but new config does not"));
            for (Map.Entry<String, ApplicationOrg> e : current.application().get().orgs().entrySet()) {
                ApplicationOrg norg = nac.orgs().get(e.getKey());
                if (norg != null && !norg.mspId().equals(e.getValue().mspId())) {
                    throw new ChannelConfigException("application org " + e.getKey() + " attempted to change MSP ID from "
                            + e.getValue().mspId() + " to " + norg.mspId());
                }
            }
        }
        if (current.consortiums().isPresent()) {
            Map<String, Consortium> ncc = next.consortiums().orElseThrow(() ->
                    new ChannelConfigException("current config has consortiums section, but new config does not"));
            for (Consortium c : current.consortiums().get().values()) {
                Consortium nc = ncc.get(c.name());
                if (nc == null) {
                    continue;
                }
                for (Map.Entry<String, Organization> e : c.orgs().entrySet()) {
                    Organization norg = nc.orgs().get(e.getKey());
                    if (norg != null && !norg.mspId().equals(e.getValue().mspId())) {
                        throw new ChannelConfigException("consortium " + c.name() + " org " + e.getKey()
                                + " attempted to change MSP ID from " + e.getValue().mspId() + " to " + norg.mspId());
                    }
                }
            }
        } else if (next.consortiums().isPresent()) {
            throw new ChannelConfigException("current config has no consortiums section, but new config does");
        }
    }
}
