package io.weft.deliver;

import static io.weft.deliver.SeekRequests.newest;
import static io.weft.deliver.SeekRequests.oldest;
import static io.weft.deliver.SeekRequests.request;
import static io.weft.deliver.SeekRequests.seek;
import static io.weft.deliver.SeekRequests.specified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNextCommit;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

import io.weft.api.identity.SigningIdentity;
import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.channelconfig.ChannelConfig;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.Msps;
import io.weft.testing.FabricVectors;

/** The request checks one by one: seek positions, header time window, TLS binding, session access control. */
class DeliverChecksTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    // ---- seek positions (height 5: blocks 0..4)

    @Test
    void positionsResolveAgainstTheHeight() throws Exception {
        assertThat(SeekPlan.of(seek(oldest(), newest()), 5)).isEqualTo(new SeekPlan(0, 4, false));
        assertThat(SeekPlan.of(seek(newest(), newest()), 5)).isEqualTo(new SeekPlan(4, 4, false));
        assertThat(SeekPlan.of(seek(specified(3), oldest()), 5)).isEqualTo(new SeekPlan(3, 3, false));
        assertThat(SeekPlan.of(seek(specified(5), specified(5)), 5)).isEqualTo(new SeekPlan(5, 5, false));
        assertThat(SeekPlan.of(seek(specified(2), specified(-1L)), 5).stop()).isEqualTo(-1L);
        SeekPosition nextCommit = SeekPosition.newBuilder().setNextCommit(SeekNextCommit.getDefaultInstance()).build();
        assertThat(SeekPlan.of(seek(nextCommit, specified(9)), 5).start()).isEqualTo(5L);
        assertThat(SeekPlan.of(seek(oldest(), oldest()).toBuilder()
                .setBehavior(SeekInfo.SeekBehavior.FAIL_IF_NOT_READY).build(), 5).failIfNotReady()).isTrue();
    }

    @Test
    void badPositionsAreRefusedWithFabricsStatus() {
        assertRefused(seek(specified(3), specified(2)), Status.BAD_REQUEST, "start number 3 greater than stop number 2");
        assertRefused(SeekInfo.newBuilder().setStop(newest()).build(), Status.BAD_REQUEST, "missing start or stop");
        assertRefused(seek(specified(6), specified(7)), Status.NOT_FOUND, "NOT_FOUND");
        assertRefused(seek(specified(-1L), specified(-1L)), Status.NOT_FOUND, "NOT_FOUND");
        assertRefused(seek(SeekPosition.getDefaultInstance(), newest()), Status.NOT_FOUND, "NOT_FOUND");
    }

    private static void assertRefused(SeekInfo seek, Status status, String reason) {
        assertThatThrownBy(() -> SeekPlan.of(seek, 5)).isInstanceOfSatisfying(DeliverRefusal.class,
                r -> assertThat(r.status()).isEqualTo(status)).hasMessageContaining(reason);
    }

    // ---- envelope headers

    @Test
    void theTimestampMustBeWithinTheWindowEitherWay() throws Exception {
        Envelope env = request(user1(), "mychannel", seek(oldest(), oldest()),
                h -> h.setTimestamp(Timestamp.newBuilder().setSeconds(1_000_000)));
        Instant stamped = Instant.ofEpochSecond(1_000_000);

        assertThat(DeliverEnvelope.parse(env, stamped.plus(WINDOW), WINDOW, new TlsBinding(false), null).channelId())
                .isEqualTo("mychannel");
        assertThat(DeliverEnvelope.parse(env, stamped.minus(WINDOW), WINDOW, new TlsBinding(false), null))
                .isNotNull();
        assertThatThrownBy(() -> DeliverEnvelope.parse(env, stamped.plus(WINDOW).plusNanos(1), WINDOW,
                new TlsBinding(false), null)).hasMessageContaining("is more than 15m0s apart from current server time");
        assertThatThrownBy(() -> DeliverEnvelope.parse(env, stamped.minus(WINDOW).minusSeconds(1), WINDOW,
                new TlsBinding(false), null)).isInstanceOf(DeliverRefusal.class);
    }

    @Test
    void underMutualTlsTheEnvelopeNamesTheClientsCertificate() throws Exception {
        X509Certificate cert = certificate();
        ByteString hash = TlsBinding.certificateHash(cert);
        TlsBinding binding = new TlsBinding(true);

        binding.check(hash, cert);
        assertThatThrownBy(() -> binding.check(ByteString.EMPTY, cert))
                .hasMessage("client didn't include its TLS cert hash");
        assertThatThrownBy(() -> binding.check(hash, null)).hasMessage("client didn't send a TLS certificate");
        assertThatThrownBy(() -> binding.check(ByteString.copyFromUtf8("other"), cert))
                .hasMessageStartingWith("claimed TLS cert hash is ");
        new TlsBinding(false).check(ByteString.EMPTY, null);
    }

    @Test
    void aRefusedPolicyIsForbiddenWithItsReason() throws Exception {
        DeliverEnvelope env = DeliverEnvelope.parse(request(user1(), "mychannel", seek(oldest(), oldest())),
                Instant.now(), WINDOW, new TlsBinding(false), null);
        ChannelConfig config = ChannelConfig.fromBlock(Block.parseFrom(FabricVectors.bytes("mychannel.block")),
                Bccsp.software(SwOptions.defaults()));
        AccessPolicy refusing = (c, requester) -> {
            throw new AccessPolicy.AccessDeniedException("not a reader", null);
        };
        assertThatThrownBy(() -> new SessionAccessControl(refusing, env.signedData(), config, Clock.systemUTC())
                .evaluate(config)).isInstanceOfSatisfying(DeliverRefusal.class,
                        r -> assertThat(r.status()).isEqualTo(Status.FORBIDDEN)).hasMessage("not a reader");
    }

    private static SigningIdentity user1() throws Exception {
        return Msps.loadLocal(LocalMspSettings.of(FabricVectors.org1().resolve("users/User1@org1.example.com/msp"),
                "Org1MSP")).signingIdentity();
    }

    private static X509Certificate certificate() throws Exception {
        byte[] pem = java.nio.file.Files.readAllBytes(FabricVectors.org1()
                .resolve("peers/peer0.org1.example.com/tls/server.crt"));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
    }

    // ---- session access control

    @Test
    void theSessionEndsWhenTheRequestersCertificateExpires() throws Exception {
        SigningIdentity user1 = user1();
        ChannelConfig config = ChannelConfig.fromBlock(Block.parseFrom(FabricVectors.bytes("mychannel.block")),
                Bccsp.software(SwOptions.defaults()));
        DeliverEnvelope env = DeliverEnvelope.parse(request(user1, "mychannel", seek(oldest(), oldest())),
                Instant.now(), WINDOW, new TlsBinding(false), null);
        Instant expiry = config.deserializer().deserializeIdentity(user1.serialize()).expiresAt();
        int[] checks = new int[1];
        AccessPolicy counted = (c, requester) -> checks[0]++;

        SessionAccessControl session = new SessionAccessControl(counted, env.signedData(), config, Clock.systemUTC());
        session.evaluate(config);
        session.evaluate(config);
        assertThat(checks[0]).as("checked once while the config sequence stays").isOne();
        SessionAccessControl afterExpiry = new SessionAccessControl(counted, env.signedData(), config,
                Clock.fixed(expiry.plusSeconds(90), ZoneOffset.UTC));
        assertThatThrownBy(() -> afterExpiry.evaluate(config)).isInstanceOfSatisfying(DeliverRefusal.class,
                r -> assertThat(r.status()).isEqualTo(Status.FORBIDDEN))
                .hasMessage("deliver client identity expired 1m30s before");
    }
}
