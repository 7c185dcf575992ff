package io.weft.auth.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionStage;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Test;

class TimeWindowCheckTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.250Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final Proposals.CountingNext next = new Proposals.CountingNext();

    private static TimeWindowCheck.Config config(long millis) {
        return new TimeWindowCheck.Config() {
            @Override
            public long timewindowMillis() {
                return millis;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return TimeWindowCheck.Config.class;
            }
        };
    }

    private CompletionStage<ProposalResponse> run(TimeWindowCheck filter, SignedProposal sp) {
        return filter.filter(Proposals.CONTEXT, sp, next);
    }

    private static TimeWindowCheck fixed(Duration window) {
        return new TimeWindowCheck(Clock.fixed(NOW, ZoneOffset.UTC), window);
    }

    private void assertPassed(TimeWindowCheck filter, Instant proposed) {
        assertThat(run(filter, Proposals.at(proposed)).toCompletableFuture().join()).isSameAs(Proposals.ENDORSED);
    }

    private void assertRefused(TimeWindowCheck filter, SignedProposal sp, String message) {
        CompletionStage<ProposalResponse> stage = run(filter, sp);
        assertThatThrownBy(() -> stage.toCompletableFuture().join()).cause().hasMessage(message);
        assertThat(next.calls).hasValue(0);
    }

    @Test
    void insideTheWindowPassesBothWays() {
        TimeWindowCheck filter = fixed(FIVE_MINUTES);
        assertPassed(filter, NOW);
        assertPassed(filter, NOW.minus(FIVE_MINUTES));
        assertPassed(filter, NOW.plus(FIVE_MINUTES));
        assertPassed(filter, NOW.minus(Duration.ofMinutes(4)));
        assertPassed(filter, NOW.plus(Duration.ofMinutes(4)));
        assertThat(next.calls).hasValue(5);
    }

    @Test
    void tooOldIsRefusedWithFabricsMessage() {
        assertRefused(fixed(FIVE_MINUTES), Proposals.at(NOW.minus(FIVE_MINUTES).minusNanos(1)),
                "request unauthorized due to incorrect timestamp 2025-06-01T11:55:00Z, peer time 2025-06-01T12:00:00Z,"
                        + " peer.authentication.timewindow 5m0s");
    }

    @Test
    void tooFarInTheFutureIsRefused() {
        assertRefused(fixed(FIVE_MINUTES), Proposals.at(NOW.plus(Duration.ofHours(2))),
                "request unauthorized due to incorrect timestamp 2025-06-01T14:00:00Z, peer time 2025-06-01T12:00:00Z,"
                        + " peer.authentication.timewindow 5m0s");
    }

    @Test
    void theDefaultWindowIsFifteenMinutes() {
        TimeWindowCheck filter = new TimeWindowCheck(config(900_000L));
        assertThat(filter.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(new TimeWindowCheck(config(0)).window()).as("0: Fabric's default").isEqualTo(Duration.ofMinutes(15));
        assertThat(new TimeWindowCheck(config(-5)).window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(TimeWindowCheck.DEFAULT_WINDOW).isEqualTo(Duration.ofMinutes(15));

        Instant now = Instant.now();
        assertThat(run(filter, Proposals.at(now.minus(Duration.ofMinutes(14)))).toCompletableFuture().join())
                .isSameAs(Proposals.ENDORSED);
        assertThat(run(filter, Proposals.at(now.plus(Duration.ofMinutes(14)))).toCompletableFuture().join())
                .isSameAs(Proposals.ENDORSED);
        CompletionStage<ProposalResponse> old = run(filter, Proposals.at(now.minus(Duration.ofMinutes(16))));
        assertThatThrownBy(() -> old.toCompletableFuture().join()).cause()
                .hasMessageEndingWith(", peer.authentication.timewindow 15m0s");
        CompletionStage<ProposalResponse> ahead = run(filter, Proposals.at(now.plus(Duration.ofMinutes(16))));
        assertThatThrownBy(() -> ahead.toCompletableFuture().join()).cause()
                .hasMessageStartingWith("request unauthorized due to incorrect timestamp ");
    }

    @Test
    void theWindowFollowsItsConfiguration() {
        TimeWindowCheck filter = new TimeWindowCheck(config(1_500L));
        assertThat(filter.window()).isEqualTo(Duration.ofMillis(1_500));
        filter.modified(config(60_000L));
        assertThat(filter.window()).isEqualTo(Duration.ofMinutes(1));
        CompletionStage<ProposalResponse> stage = run(filter, Proposals.at(Instant.now().minus(Duration.ofMinutes(2))));
        assertThatThrownBy(() -> stage.toCompletableFuture().join()).cause()
                .hasMessageEndingWith(", peer.authentication.timewindow 1m0s");
    }

    @Test
    void aMissingTimestampIsTheEpochAndRefused() {
        SignedProposal sp = Proposals.proposal(ByteString.EMPTY, Timestamp.getDefaultInstance());
        assertRefused(fixed(FIVE_MINUTES), sp, "request unauthorized due to incorrect timestamp 1970-01-01T00:00:00Z,"
                + " peer time 2025-06-01T12:00:00Z, peer.authentication.timewindow 5m0s");
    }

    @Test
    void timestampsBeyondAnyCalendarAreRefusedNotThrown() {
        SignedProposal far = Proposals.proposal(ByteString.EMPTY, Timestamp.newBuilder().setSeconds(Long.MAX_VALUE).build());
        CompletionStage<ProposalResponse> stage = run(fixed(FIVE_MINUTES), far);
        assertThatThrownBy(() -> stage.toCompletableFuture().join()).cause()
                .hasMessageStartingWith("request unauthorized due to incorrect timestamp ");
        SignedProposal edge = Proposals.proposal(ByteString.EMPTY, Proposals.timestamp(Instant.MAX));
        CompletionStage<ProposalResponse> edgeStage = run(fixed(FIVE_MINUTES), edge);
        assertThatThrownBy(() -> edgeStage.toCompletableFuture().join()).cause()
                .hasMessageStartingWith("request unauthorized due to incorrect timestamp ");
        SignedProposal min = Proposals.proposal(ByteString.EMPTY, Proposals.timestamp(Instant.MIN));
        CompletionStage<ProposalResponse> minStage = run(fixed(FIVE_MINUTES), min);
        assertThatThrownBy(() -> minStage.toCompletableFuture().join()).cause()
                .hasMessageStartingWith("request unauthorized due to incorrect timestamp ");
        assertThat(next.calls).hasValue(0);
    }

    @Test
    void proposalsThatDoNotParseAreRefusedWithFabricsMessages() {
        ByteString junk = ByteString.copyFrom(new byte[] {(byte) 0xff});
        TimeWindowCheck filter = fixed(FIVE_MINUTES);
        CompletionStage<ProposalResponse> p = run(filter, Proposals.withProposalBytes(junk));
        assertThatThrownBy(() -> p.toCompletableFuture().join()).cause()
                .hasMessageStartingWith("failed parsing proposal: error unmarshalling Proposal: ");
        CompletionStage<ProposalResponse> h = run(filter, Proposals.withHeader(junk));
        assertThatThrownBy(() -> h.toCompletableFuture().join()).cause()
                .hasMessageStartingWith("failed parsing header: error unmarshalling Header: ");
        CompletionStage<ProposalResponse> c =
                run(filter, Proposals.withHeader(Header.newBuilder().setChannelHeader(junk).build().toByteString()));
        assertThatThrownBy(() -> c.toCompletableFuture().join()).cause()
                .hasMessageStartingWith("failed parsing channel header: error unmarshalling ChannelHeader: ");
        assertThat(next.calls).hasValue(0);
    }

    @Test
    void formatsTimesAsGosRfc3339() {
        assertThat(TimeWindowCheck.rfc3339(Instant.parse("2024-02-29T23:59:59.999Z"))).isEqualTo("2024-02-29T23:59:59Z");
        assertThat(TimeWindowCheck.rfc3339(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59Z");
    }
}
