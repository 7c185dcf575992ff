package io.weft.auth.filters;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.osgi.service.component.annotations.Component;

import io.weft.api.handler.AuthFilter;
import io.weft.api.handler.ProposalContext;

/**
 * Fabric's {@code ExpirationCheck}: refuses a proposal whose creator's certificate is past its NotAfter
 * ({@code proposal client identity expired}). As Fabric's {@code crypto.ExpiresAt}, a creator whose expiry cannot be
 * read (not a {@code SerializedIdentity}, no PEM block, not an X.509 certificate) is let through: deciding about
 * such creators is the endorser's MSP check. Proposal, header and signature header that do not parse are refused
 * with Fabric's messages.
 */
@Component(service = AuthFilter.class, property = {"weft.handler.name=ExpirationCheck", "weft.handler.kind=auth"})
public final class ExpirationCheck implements AuthFilter {

    static final String EXPIRED = "proposal client identity expired";

    /** Clients are few and send many proposals: a creator's certificate is parsed once, not per proposal. */
    private static final int MAX_CACHED_CREATORS = 10_000;

    private final Clock clock;
    private final ConcurrentHashMap<ByteString, Optional<Instant>> expiries = new ConcurrentHashMap<>();

    public ExpirationCheck() {
        this(Clock.systemUTC());
    }

    ExpirationCheck(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<ProposalResponse> filter(ProposalContext context, SignedProposal proposal, Next next) {
        try {
            ByteString creator = ProposalHeaders.signatureHeader(ProposalHeaders.header(proposal)).getCreator();
            Optional<Instant> expiresAt = cachedExpiresAt(creator);
            if (expiresAt.isPresent() && clock.instant().isAfter(expiresAt.get())) {
                throw new AuthFilterException(EXPIRED);
            }
        } catch (AuthFilterException e) {
            return CompletableFuture.failedFuture(e);
        }
        return next.process(proposal);
    }

    private Optional<Instant> cachedExpiresAt(ByteString creator) {
        Optional<Instant> cached = expiries.get(creator);
        if (cached != null) {
            return cached;
        }
        if (expiries.size() >= MAX_CACHED_CREATORS) {
            expiries.clear();
        }
        Optional<Instant> computed = expiresAt(creator);
        expiries.put(creator, computed);
        return computed;
    }

    /** When the serialized identity's certificate expires; empty when that cannot be determined (Fabric's zero time). */
    static Optional<Instant> expiresAt(ByteString serializedIdentity) {
        SerializedIdentity identity;
        try {
            identity = SerializedIdentity.parseFrom(serializedIdentity);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
        return firstPemBlock(identity.getIdBytes().toString(StandardCharsets.ISO_8859_1)).flatMap(ExpirationCheck::notAfter);
    }

    private static Optional<Instant> notAfter(byte[] der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            return Optional.of(cert.getNotAfter().toInstant());
        } catch (CertificateException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The bytes of the first PEM block, whatever its type (as Go's {@code pem.Decode}); empty if there is none. */
    static Optional<byte[]> firstPemBlock(String text) {
        int search = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", search);
            if (begin < 0) {
                return Optional.empty();
            }
            int typeEnd = text.indexOf("-----", begin + 11);
            int lineEnd = typeEnd < 0 ? -1 : lineEnd(text, typeEnd + 5);
            if (lineEnd < 0) {
                return Optional.empty();
            }
            String type = text.substring(begin + 11, typeEnd);
            String endLine = "-----END " + type + "-----";
            int end = text.indexOf(endLine, lineEnd);
            if (end >= 0) {
                String body = text.substring(lineEnd, end).replaceAll("\\s", "");
                try {
                    return Optional.of(Base64.getDecoder().decode(body));
                } catch (IllegalArgumentException e) {
                    // Go's pem.Decode skips a malformed block and looks further
                }
            }
            search = begin + 11;
        }
    }

    /** Index after the end of the BEGIN line (only whitespace may follow the dashes), or -1. */
    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r')) {
            i++;
        }
        if (i == text.length()) {
            return -1;
        }
        return text.charAt(i) == '\n' ? i + 1 : -1;
    }
}
