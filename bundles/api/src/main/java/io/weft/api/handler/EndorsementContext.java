package io.weft.api.handler;

import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.osgi.annotation.versioning.ProviderType;

import io.weft.api.identity.SigningIdentity;

/** What the peer offers an endorsement plugin for one channel (Fabric's plugin dependencies). */
@ProviderType
public interface EndorsementContext {

    /** The channel the plugin serves; empty for channel-less proposals. */
    String channelId();

    /** The identity to endorse {@code proposal} with (Fabric's {@code SigningIdentityForRequest}). */
    SigningIdentity signingIdentityFor(SignedProposal proposal);
}
