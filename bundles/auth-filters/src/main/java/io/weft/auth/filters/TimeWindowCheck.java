package io.weft.auth.filters;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.google.protobuf.Timestamp;

import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

import io.weft.api.handler.AuthFilter;
import io.weft.api.handler.ProposalContext;
import io.weft.config.GoDuration;
import io.weft.config.PeerConfigurations;

/**
 * Fabric 3.0's {@code TimeWindowCheck} (the fix for CVE-2024-45244): refuses a proposal whose channel header
 * timestamp is more than {@code peer.authentication.timewindow} before or after the peer's clock. Registered, but
 * not in the shipped {@code peer.handlers.authFilters} (as Fabric 2.5): operators add {@code - name: TimeWindowCheck}.
 * The window comes from {@value PeerConfigurations#TIMEWINDOW_PID}; without it, or when it is not positive, the
 * window is Fabric's default of 15 minutes.
 */
@Component(service = AuthFilter.class, property = {"weft.handler.name=TimeWindowCheck", "weft.handler.kind=auth"},
        configurationPid = PeerConfigurations.TIMEWINDOW_PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class TimeWindowCheck implements AuthFilter {

    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    /** {@code peer.authentication.timewindow}. */
    public @interface Config {
        long timewindowMillis() default 900_000L;
    }

    private final Clock clock;
    private volatile Duration window;

    @Activate
    public TimeWindowCheck(Config config) {
        this(Clock.systemUTC(), window(config));
    }

    TimeWindowCheck(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    @Modified
    void modified(Config config) {
        window = window(config);
    }

    private static Duration window(Config config) {
        long millis = config.timewindowMillis();
        return millis > 0 ? Duration.ofMillis(millis) : DEFAULT_WINDOW;
    }

    Duration window() {
        return window;
    }

    @Override
    public CompletionStage<ProposalResponse> filter(ProposalContext context, SignedProposal proposal, Next next) {
        try {
            check(ProposalHeaders.channelHeader(ProposalHeaders.header(proposal)).getTimestamp());
        } catch (AuthFilterException e) {
            return CompletableFuture.failedFuture(e);
        }
        return next.process(proposal);
    }

    private void check(Timestamp timestamp) throws AuthFilterException {
        Duration w = window;
        Instant now = clock.instant();
        Instant proposed;
        try {
            proposed = Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
        } catch (DateTimeException | ArithmeticException e) {
            throw rejected(timestamp.getSeconds() + "s since the epoch", now, w);
        }
        if (before(proposed, w, now) || after(proposed, w.negated(), now)) {
            throw rejected(rfc3339(proposed), now, w);
        }
    }

    /** {@code proposed + shift} is before {@code now}; a sum beyond Instant's range is after any now. */
    private static boolean before(Instant proposed, Duration shift, Instant now) {
        try {
            return proposed.plus(shift).isBefore(now);
        } catch (DateTimeException | ArithmeticException e) {
            return false;
        }
    }

    /** {@code proposed + shift} is after {@code now}; a sum below Instant's range is before any now. */
    private static boolean after(Instant proposed, Duration shift, Instant now) {
        try {
            return proposed.plus(shift).isAfter(now);
        } catch (DateTimeException | ArithmeticException e) {
            return false;
        }
    }

    private static AuthFilterException rejected(String proposed, Instant now, Duration window) {
        return new AuthFilterException("request unauthorized due to incorrect timestamp " + proposed + ", peer time "
                + rfc3339(now) + ", peer.authentication.timewindow " + GoDuration.format(window));
    }

    /** Go's {@code time.RFC3339} of a UTC time: whole seconds, {@code Z}. */
    static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
