package io.weft.msp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An organizational unit of an identity: the OU name and the hash of the certification chain that
 * vouches for it.
 *
 * @param organizationalUnitIdentifier the OU value in the certificate subject
 * @param certifiersIdentifier hash of the issuing chain (parent up to root)
 */
public record OUIdentifier(String organizationalUnitIdentifier, byte[] certifiersIdentifier) {

    public OUIdentifier {
        Objects.requireNonNull(organizationalUnitIdentifier, "organizationalUnitIdentifier");
        certifiersIdentifier = certifiersIdentifier == null ? new byte[0] : certifiersIdentifier.clone();
    }

    @Override
    public byte[] certifiersIdentifier() {
        return certifiersIdentifier.clone();
    }

    boolean sameCertifiers(byte[] other) {
        return Arrays.equals(certifiersIdentifier, other);
    }

    boolean hasCertifiers() {
        return certifiersIdentifier.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OUIdentifier u && u.organizationalUnitIdentifier.equals(organizationalUnitIdentifier)
                && Arrays.equals(u.certifiersIdentifier, certifiersIdentifier);
    }

    @Override
    public int hashCode() {
        return organizationalUnitIdentifier.hashCode() * 31 + Arrays.hashCode(certifiersIdentifier);
    }

    /** Fabric's rendering: {@code name(first 8 bytes of the certifiers identifier, hex)}. */
    @Override
    public String toString() {
        byte[] head = Arrays.copyOf(certifiersIdentifier, Math.min(8, certifiersIdentifier.length));
        return organizationalUnitIdentifier + "(" + HexFormat.of().withUpperCase().formatHex(head) + ")";
    }
}
