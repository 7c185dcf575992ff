package io.weft.bccsp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/** The hash functions of Fabric's BCCSP, by the names Fabric's configuration uses. */
public enum HashAlgorithm {
    SHA256("SHA256", "SHA-256"),
    SHA384("SHA384", "SHA-384"),
    SHA3_256("SHA3_256", "SHA3-256"),
    SHA3_384("SHA3_384", "SHA3-384");

    private final String fabricName;
    private final String jcaName;
    // Cloned per use: cheaper than a provider lookup, and the prototype itself is never updated.
    private final MessageDigest prototype;

    HashAlgorithm(String fabricName, String jcaName) {
        this.fabricName = fabricName;
        this.jcaName = jcaName;
        try {
            this.prototype = MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The name in Fabric configuration ({@code IdentityIdentifierHashFunction}). */
    public String fabricName() {
        return fabricName;
    }

    /** The JCA name. */
    public String jcaName() {
        return jcaName;
    }

    /** A fresh digest. */
    public MessageDigest newDigest() {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** The digest of {@code data}. */
    public byte[] digest(byte[] data) {
        Objects.requireNonNull(data, "data");
        return newDigest().digest(data);
    }

    /** Fabric's {@code bccsp.GetHashOpt}: the algorithm with that configuration name. */
    public static HashAlgorithm byFabricName(String name) throws BccspException {
        for (HashAlgorithm a : values()) {
            if (a.fabricName.equals(name)) {
                return a;
            }
        }
        throw new BccspException("hash function not recognized [" + name + "]");
    }
}
