package io.weft.deliver;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every Deliver stream of a service shares: the channels it serves, the envelope checks' settings, and the
 * executor that runs the streams' turns (never a transport thread, never the block writer's).
 *
 * @param <C>        the channels served
 * @param channels   the channels served, by id
 * @param timeWindow how far a request's timestamp may be from the server's clock
 *                   ({@code peer.authentication.timewindow}, {@code General.Authentication.TimeWindow})
 * @param binding    the TLS certificate hash check
 * @param executor   runs the streams' turns; a turn never waits
 * @param blocksSent how many block responses were sent, over all streams (Fabric's {@code deliver_blocks_sent})
 */
public record DeliverSupport<C extends BlockSource>(Channels<C> channels, Duration timeWindow, TlsBinding binding,
        Clock clock, Executor executor, LongAdder blocksSent) {

    /** The channels a Deliver service serves. */
    @ConsumerType
    @FunctionalInterface
    public interface Channels<C extends BlockSource> {
        /** The channel, if it is served (joined, open) here. */
        Optional<C> channel(String id);
    }

    public DeliverSupport {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(timeWindow, "timeWindow");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(blocksSent, "blocksSent");
    }
}
