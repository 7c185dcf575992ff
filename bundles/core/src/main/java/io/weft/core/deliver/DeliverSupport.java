package io.weft.core.deliver;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

import io.weft.acl.AclProvider;

/**
 * What every Deliver stream shares: the joined channels, the ACL provider, the envelope checks' settings, and the
 * executor that runs the streams' turns (never a transport thread, never the committer's).
 *
 * @param channels   the joined channels, by id
 * @param timeWindow {@code peer.authentication.timewindow}
 * @param binding    the TLS certificate hash check
 * @param executor   runs the streams' turns; a turn never waits
 * @param blocksSent how many block responses were sent, over all streams (Fabric's {@code deliver_blocks_sent})
 */
record DeliverSupport(Channels channels, AclProvider acl, Duration timeWindow, TlsBinding binding, Clock clock,
        Executor executor, LongAdder blocksSent) {

    /** The joined channels Deliver serves. */
    @FunctionalInterface
    interface Channels {
        /** The channel, if the peer has joined it and it is open. */
        Optional<DeliverChannel> channel(String id);
    }

    DeliverSupport {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(acl, "acl");
        Objects.requireNonNull(timeWindow, "timeWindow");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(blocksSent, "blocksSent");
    }
}
