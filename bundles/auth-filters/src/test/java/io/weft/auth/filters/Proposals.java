package io.weft.auth.filters;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import io.weft.api.handler.AuthFilter;
import io.weft.api.handler.ProposalContext;

/** Builds signed proposals and creator certificates for the filter tests. */
final class Proposals {

    static final ProposalContext CONTEXT = () -> "127.0.0.1:5000";
    static final ProposalResponse ENDORSED =
            ProposalResponse.newBuilder().setResponse(Response.newBuilder().setStatus(200)).build();

    private Proposals() {
    }

    /** The end of the chain: counts calls and answers {@link #ENDORSED}. */
    static final class CountingNext implements AuthFilter.Next {
        final AtomicInteger calls = new AtomicInteger();
        SignedProposal seen;

        @Override
        public CompletableFuture<ProposalResponse> process(SignedProposal proposal) {
            calls.incrementAndGet();
            seen = proposal;
            return CompletableFuture.completedFuture(ENDORSED);
        }
    }

    static SignedProposal proposal(ByteString creator, Timestamp timestamp) {
        ChannelHeader ch = ChannelHeader.newBuilder().setType(HeaderType.ENDORSER_TRANSACTION_VALUE).setChannelId("mychannel")
                .setTxId("tx").setTimestamp(timestamp).build();
        SignatureHeader sh = SignatureHeader.newBuilder().setCreator(creator).setNonce(ByteString.copyFromUtf8("nonce")).build();
        Header header = Header.newBuilder().setChannelHeader(ch.toByteString()).setSignatureHeader(sh.toByteString()).build();
        Proposal proposal = Proposal.newBuilder().setHeader(header.toByteString()).build();
        return SignedProposal.newBuilder().setProposalBytes(proposal.toByteString())
                .setSignature(ByteString.copyFromUtf8("sig")).build();
    }

    static SignedProposal withCreator(ByteString creator) {
        return proposal(creator, timestamp(Instant.now()));
    }

    static SignedProposal at(Instant time) {
        return proposal(ByteString.EMPTY, timestamp(time));
    }

    static SignedProposal withProposalBytes(ByteString proposalBytes) {
        return SignedProposal.newBuilder().setProposalBytes(proposalBytes).build();
    }

    static SignedProposal withHeader(ByteString headerBytes) {
        return withProposalBytes(Proposal.newBuilder().setHeader(headerBytes).build().toByteString());
    }

    static Timestamp timestamp(Instant time) {
        return Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()).build();
    }

    static ByteString identity(String pem) {
        return SerializedIdentity.newBuilder().setMspid("Org1MSP").setIdBytes(ByteString.copyFromUtf8(pem)).build()
                .toByteString();
    }

    /** A self-signed EC certificate valid from {@code notBefore} to {@code notAfter}, as PEM. */
    static String certificate(Instant notBefore, Instant notAfter) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        X500Name name = new X500Name("CN=user1,O=org1.example.com");
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(42), Date.from(notBefore),
                Date.from(notAfter), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new PemObject("CERTIFICATE", holder.getEncoded()));
        }
        return out.toString();
    }
}
