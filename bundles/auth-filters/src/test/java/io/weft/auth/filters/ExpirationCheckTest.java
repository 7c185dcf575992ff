package io.weft.auth.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Test;

class ExpirationCheckTest {

    private static final ByteString JUNK = ByteString.copyFrom(new byte[] {(byte) 0xff});
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final Proposals.CountingNext next = new Proposals.CountingNext();
    private final ExpirationCheck filter = new ExpirationCheck(Clock.fixed(NOW, ZoneOffset.UTC));

    private CompletionStage<ProposalResponse> run(SignedProposal sp) {
        return filter.filter(Proposals.CONTEXT, sp, next);
    }

    private void assertPassed(SignedProposal sp) {
        assertThat(run(sp).toCompletableFuture().join()).isSameAs(Proposals.ENDORSED);
        assertThat(next.calls).hasValue(1);
    }

    private void assertRefused(SignedProposal sp, String message) {
        CompletionStage<ProposalResponse> stage = run(sp);
        assertThatThrownBy(() -> stage.toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                .cause().hasMessage(message);
        assertThat(next.calls).as("the chain is not called").hasValue(0);
    }

    private void assertRefusedStartingWith(SignedProposal sp, String prefix) {
        CompletionStage<ProposalResponse> stage = run(sp);
        assertThatThrownBy(() -> stage.toCompletableFuture().join()).cause().hasMessageStartingWith(prefix);
        assertThat(next.calls).hasValue(0);
    }

    @Test
    void aValidCertificatePasses() throws Exception {
        String pem = Proposals.certificate(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
        assertPassed(Proposals.withCreator(Proposals.identity(pem)));
    }

    @Test
    void anExpiredCertificateIsRefusedWithFabricsMessage() throws Exception {
        String pem = Proposals.certificate(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofSeconds(1)));
        assertRefused(Proposals.withCreator(Proposals.identity(pem)), "proposal client identity expired");
    }

    @Test
    void theRealClockRefusesAnExpiredCertificateToo() throws Exception {
        String pem = Proposals.certificate(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
        CompletionStage<ProposalResponse> stage =
                new ExpirationCheck().filter(Proposals.CONTEXT, Proposals.withCreator(Proposals.identity(pem)), next);
        assertThatThrownBy(() -> stage.toCompletableFuture().join()).cause().hasMessage(ExpirationCheck.EXPIRED);
    }

    @Test
    void aCertificateExpiringThisVerySecondStillPasses() throws Exception {
        // Fabric refuses only when now is after NotAfter
        String pem = Proposals.certificate(NOW.minus(Duration.ofDays(1)), NOW);
        assertPassed(Proposals.withCreator(Proposals.identity(pem)));
    }

    @Test
    void aNotYetValidCertificateIsNoConcernOfThisFilter() throws Exception {
        String pem = Proposals.certificate(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2)));
        assertPassed(Proposals.withCreator(Proposals.identity(pem)));
    }

    @Test
    void theFirstPemBlockCountsWhateverSurroundsIt() throws Exception {
        String expired = Proposals.certificate(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
        String valid = Proposals.certificate(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        assertRefused(Proposals.withCreator(Proposals.identity("leading text\n" + expired + valid)), ExpirationCheck.EXPIRED);
    }

    @Test
    void anExpiryThatCannotBeReadIsNoDecisionAsInFabric() {
        // crypto.ExpiresAt gives the zero time: not a SerializedIdentity, no PEM block, not a certificate
        assertThat(ExpirationCheck.expiresAt(JUNK)).isEmpty();
        assertThat(ExpirationCheck.expiresAt(Proposals.identity("no pem here"))).isEmpty();
        assertThat(ExpirationCheck.expiresAt(
                Proposals.identity("-----BEGIN CERTIFICATE-----\nAAECAw==\n-----END CERTIFICATE-----\n"))).isEmpty();
        assertThat(ExpirationCheck.expiresAt(ByteString.EMPTY)).isEmpty();
        assertPassed(Proposals.withCreator(JUNK));
    }

    @Test
    void anEmptyCreatorPasses() {
        assertPassed(Proposals.withCreator(ByteString.EMPTY));
    }

    @Test
    void proposalsThatDoNotParseAreRefusedWithFabricsMessages() {
        assertRefusedStartingWith(Proposals.withProposalBytes(JUNK), "failed parsing proposal: error unmarshalling Proposal: ");
        assertRefusedStartingWith(Proposals.withHeader(JUNK), "failed parsing header: error unmarshalling Header: ");
        assertRefusedStartingWith(Proposals.withHeader(Header.newBuilder().setSignatureHeader(JUNK).build().toByteString()),
                "failed parsing signature header: error unmarshalling SignatureHeader: ");
    }

    @Test
    void readsTheNotAfterOfACertificate() throws Exception {
        Instant notAfter = Instant.parse("2030-01-02T03:04:05Z");
        assertThat(ExpirationCheck.expiresAt(Proposals.identity(Proposals.certificate(NOW, notAfter)))).contains(notAfter);
    }
}
