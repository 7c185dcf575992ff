package io.weft.endorsement.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import com.google.protobuf.ByteString;

import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Test;

import io.weft.api.handler.EndorsementContext;
import io.weft.api.handler.EndorsementException;
import io.weft.api.handler.EndorsementPlugin;
import io.weft.api.identity.SigningIdentity;

class DefaultEndorsementTest {

    private static final ByteString PRP = ByteString.copyFromUtf8("proposal response payload \u0000\u00ff");
    private static final SignedProposal SP = SignedProposal.newBuilder().setProposalBytes(ByteString.copyFromUtf8("p"))
            .setSignature(ByteString.copyFromUtf8("s")).build();

    /** An ECDSA P-256 identity over a generated key; signs SHA-256-then-ECDSA as the SW BCCSP. */
    static final class TestIdentity implements SigningIdentity {
        final KeyPair keys;
        final ByteString serialized;
        final List<byte[]> signed = new ArrayList<>();

        TestIdentity(String mspId) throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            keys = g.generateKeyPair();
            serialized = SerializedIdentity.newBuilder().setMspid(mspId)
                    .setIdBytes(ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----\n" + mspId + "\n-----END CERTIFICATE-----\n"))
                    .build().toByteString();
        }

        @Override
        public String mspId() {
            return "Org1MSP";
        }

        @Override
        public ByteString serialize() {
            return serialized;
        }

        @Override
        public synchronized byte[] sign(byte[] message) {
            signed.add(message.clone());
            try {
                Signature s = Signature.getInstance("SHA256withECDSA");
                s.initSign(keys.getPrivate());
                s.update(message);
                return s.sign();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static EndorsementContext context(Function<SignedProposal, SigningIdentity> identities) {
        return new EndorsementContext() {
            @Override
            public String channelId() {
                return "mychannel";
            }

            @Override
            public SigningIdentity signingIdentityFor(SignedProposal proposal) {
                return identities.apply(proposal);
            }
        };
    }

    private static EndorsementPlugin plugin(SigningIdentity identity) {
        return new DefaultEndorsementFactory().newPlugin(context(sp -> identity));
    }

    private static boolean verifies(TestIdentity id, byte[] message, ByteString signature) throws Exception {
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(id.keys.getPublic());
        v.update(message);
        return v.verify(signature.toByteArray());
    }

    @Test
    void signsThePayloadFollowedByTheIdentityAndReturnsThePayloadUnchanged() throws Exception {
        TestIdentity id = new TestIdentity("Org1MSP");
        EndorsementPlugin.Result result = plugin(id).endorse(PRP, SP);

        assertThat(result.payload()).isSameAs(PRP);
        assertThat(result.endorsement().getEndorser()).isEqualTo(id.serialized);
        byte[] expected = PRP.concat(id.serialized).toByteArray();
        assertThat(id.signed).singleElement().isEqualTo(expected);
        assertThat(verifies(id, expected, result.endorsement().getSignature())).isTrue();
        assertThat(verifies(id, PRP.toByteArray(), result.endorsement().getSignature()))
                .as("the signature covers the identity too").isFalse();
    }

    @Test
    void usesTheIdentityTheContextGivesForThisProposal() throws Exception {
        TestIdentity org1 = new TestIdentity("Org1MSP");
        TestIdentity org2 = new TestIdentity("Org2MSP");
        SignedProposal other = SP.toBuilder().setSignature(ByteString.copyFromUtf8("other")).build();
        EndorsementPlugin plugin = new DefaultEndorsementFactory().newPlugin(context(sp -> sp.equals(other) ? org2 : org1));

        EndorsementPlugin.Result r = plugin.endorse(PRP, other);
        assertThat(r.endorsement().getEndorser()).isEqualTo(org2.serialized);
        assertThat(verifies(org2, PRP.concat(org2.serialized).toByteArray(), r.endorsement().getSignature())).isTrue();
        assertThat(org1.signed).isEmpty();
    }

    @Test
    void anEmptyPayloadIsStillSigned() throws Exception {
        TestIdentity id = new TestIdentity("Org1MSP");
        EndorsementPlugin.Result r = plugin(id).endorse(ByteString.EMPTY, SP);
        assertThat(r.payload()).isEmpty();
        assertThat(verifies(id, id.serialized.toByteArray(), r.endorsement().getSignature())).isTrue();
    }

    @Test
    void failuresCarryFabricsWording() throws Exception {
        EndorsementPlugin noIdentity = new DefaultEndorsementFactory().newPlugin(context(sp -> {
            throw new IllegalStateException("no local MSP");
        }));
        assertThatThrownBy(() -> noIdentity.endorse(PRP, SP)).isInstanceOf(EndorsementException.class)
                .hasMessage("failed fetching signing identity: no local MSP").hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new DefaultEndorsementFactory().newPlugin(context(sp -> null)).endorse(PRP, SP))
                .isInstanceOf(EndorsementException.class).hasMessageStartingWith("failed fetching signing identity: ");

        TestIdentity good = new TestIdentity("Org1MSP");
        SigningIdentity cannotSerialize = new SigningIdentity() {
            @Override
            public String mspId() {
                return "Org1MSP";
            }

            @Override
            public ByteString serialize() {
                throw new IllegalStateException("bad certificate");
            }

            @Override
            public byte[] sign(byte[] message) {
                return good.sign(message);
            }
        };
        assertThatThrownBy(() -> plugin(cannotSerialize).endorse(PRP, SP)).isInstanceOf(EndorsementException.class)
                .hasMessage("could not serialize the signing identity: bad certificate");

        SigningIdentity cannotSign = new SigningIdentity() {
            @Override
            public String mspId() {
                return "Org1MSP";
            }

            @Override
            public ByteString serialize() {
                return good.serialize();
            }

            @Override
            public byte[] sign(byte[] message) {
                throw new IllegalStateException("key unavailable");
            }
        };
        assertThatThrownBy(() -> plugin(cannotSign).endorse(PRP, SP)).isInstanceOf(EndorsementException.class)
                .hasMessage("could not sign the proposal response payload: key unavailable");
    }

    @Test
    void aPluginNeedsItsContext() {
        assertThatThrownBy(() -> new DefaultEndorsementFactory().newPlugin(null))
                .hasMessage("could not find SigningIdentityFetcher in dependencies");
    }

    @Test
    void concurrentEndorsementsAreEachCorrect() throws Exception {
        TestIdentity id = new TestIdentity("Org1MSP");
        EndorsementPlugin plugin = plugin(id);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ByteString prp = ByteString.copyFromUtf8("prp-" + i);
                results.add(pool.submit(() -> {
                    EndorsementPlugin.Result r = plugin.endorse(prp, SP);
                    return r.payload().equals(prp)
                            && verifies(id, prp.concat(id.serialized).toByteArray(), r.endorsement().getSignature());
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }
}
