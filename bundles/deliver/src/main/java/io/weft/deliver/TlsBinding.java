package io.weft.deliver;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.hyperledger.fabric.protos.common.Status;

import com.google.protobuf.ByteString;

import io.weft.protoutil.Hashing;

/**
 * Fabric's binding inspector: under mutual TLS a Deliver envelope names the SHA-256 of the client's TLS certificate
 * in its channel header, so a signed request cannot be replayed over another client's connection. Without mutual TLS
 * nothing is checked.
 */
public final class TlsBinding {

    private final boolean mutualTls;

    /**
     * @param mutualTls TLS with client authentication required ({@code peer.tls.enabled} and
     *                  {@code peer.tls.clientAuthRequired}; the orderer's {@code General.TLS})
     */
    public TlsBinding(boolean mutualTls) {
        this.mutualTls = mutualTls;
    }

    /**
     * Checks the claimed hash against the connection's certificate.
     *
     * @param clientCertificate the certificate the caller presented, or {@code null}
     * @throws DeliverRefusal BAD_REQUEST with Fabric's reason
     */
    void check(ByteString claimedHash, X509Certificate clientCertificate) throws DeliverRefusal {
        if (!mutualTls) {
            return;
        }
        if (claimedHash.isEmpty()) {
            throw new DeliverRefusal(Status.BAD_REQUEST, "client didn't include its TLS cert hash");
        }
        if (clientCertificate == null) {
            throw new DeliverRefusal(Status.BAD_REQUEST, "client didn't send a TLS certificate");
        }
        ByteString actual = certificateHash(clientCertificate);
        if (!actual.equals(claimedHash)) {
            throw new DeliverRefusal(Status.BAD_REQUEST, "claimed TLS cert hash is "
                    + Hashing.hex(claimedHash.toByteArray()) + " but actual TLS cert hash is "
                    + Hashing.hex(actual.toByteArray()));
        }
    }

    /** SHA-256 of the certificate's DER encoding, as a client puts it in {@code tls_cert_hash}. */
    public static ByteString certificateHash(X509Certificate certificate) {
        try {
            return ByteString.copyFrom(Hashing.sha256(ByteString.copyFrom(certificate.getEncoded())));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the client's TLS certificate: " + e.getMessage(), e);
        }
    }
}
