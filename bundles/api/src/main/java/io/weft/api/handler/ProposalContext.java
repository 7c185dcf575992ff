package io.weft.api.handler;

import org.osgi.annotation.versioning.ProviderType;

/** What the peer knows about the connection a proposal arrived on. */
@ProviderType
public interface ProposalContext {

    /** The client's address as {@code host:port}, or {@code unknown}. */
    String remoteAddress();
}
