package io.weft.core.chaincode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.comm.TlsCa;

/**
 * Fabric's chaincode authenticator: with TLS on, the peer issues every chaincode it launches a client certificate
 * from its chaincode CA and remembers, for ten minutes, which chaincode that certificate is for; a chaincode registers
 * only over a connection presenting the certificate issued for the name it registers. Thread-safe.
 */
public final class ChaincodeAuthenticator {

    /** Fabric's {@code ttl}: how long an issued certificate may be used to register. */
    static final Duration TTL = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeAuthenticator.class);

    private record Issued(String chaincodeName, long expiresAtNanos) {
    }

    private final TlsCa ca;
    private final LongSupplier nanoTime;
    private final Map<ByteString, Issued> issued = new ConcurrentHashMap<>();

    public ChaincodeAuthenticator(TlsCa ca) {
        this(ca, System::nanoTime);
    }

    ChaincodeAuthenticator(TlsCa ca, LongSupplier nanoTime) {
        this.ca = ca;
        this.nanoTime = nanoTime;
    }

    /** The CA whose certificates the chaincode listener trusts. */
    public TlsCa ca() {
        return ca;
    }

    /** A new client certificate for the chaincode that will register as {@code chaincodeName}. */
    public TlsCa.CertKeyPair generate(String chaincodeName) {
        long now = nanoTime.getAsLong();
        issued.values().removeIf(i -> now - i.expiresAtNanos() >= 0);
        TlsCa.CertKeyPair pair = ca.newClientCertKeyPair();
        issued.put(hash(pair.certificate()), new Issued(chaincodeName, now + TTL.toNanos()));
        return pair;
    }

    /**
     * Fabric's {@code authenticate} of a stream's first message.
     *
     * @param clientCertificate the certificate the connection presented; null when it presented none
     * @return null when the chaincode may register; else the error that ends its stream, in Fabric's words
     */
    public String authenticate(ChaincodeMessage first, X509Certificate clientCertificate) {
        if (first.getType() != ChaincodeMessage.Type.REGISTER) {
            LOG.warn("Got message {} but expected a ChaincodeMessage_REGISTER message", first.getType());
            return "First message needs to be a register";
        }
        String name;
        try {
            name = ChaincodeID.parseFrom(first.getPayload()).getName();
        } catch (InvalidProtocolBufferException e) {
            return e.getMessage();
        }
        if (clientCertificate == null) {
            return warn("TLS is active but chaincode " + name + " didn't send certificate");
        }
        ByteString hash = hash(clientCertificate);
        Issued entry = issued.get(hash);
        if (entry != null && nanoTime.getAsLong() - entry.expiresAtNanos() >= 0) {
            issued.remove(hash, entry);
            entry = null;
        }
        if (entry == null) {
            return warn("Chaincode " + name + " with given certificate hash " + goBytes(hash) + " not found in registry");
        }
        if (!entry.chaincodeName().equals(name)) {
            return warn("Chaincode " + name + " with given certificate hash " + goBytes(hash)
                    + " belongs to a different chaincode");
        }
        return null;
    }

    private static String warn(String message) {
        LOG.warn(message);
        return message;
    }

    private static ByteString hash(X509Certificate certificate) {
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A byte slice as Go's {@code %v} prints it: {@code [12 255 0]}. */
    private static String goBytes(ByteString bytes) {
        return IntStream.range(0, bytes.size()).mapToObj(i -> Integer.toString(bytes.byteAt(i) & 0xff))
                .collect(Collectors.joining(" ", "[", "]"));
    }
}
