package io.weft.bccsp;

/** {@code BCCSP.SW.Hash}: the family of the provider's default hash. */
public enum HashFamily {
    SHA2,
    SHA3;

    /** Parses {@code SHA2} or {@code SHA3} as Fabric's software provider does. */
    public static HashFamily parse(String name) throws BccspException {
        if ("SHA2".equals(name)) {
            return SHA2;
        }
        if ("SHA3".equals(name)) {
            return SHA3;
        }
        throw new BccspException("Hash Family not supported [" + name + "]");
    }

    /** The default hash of this family at a security level (256 or 384). */
    public HashAlgorithm at(int securityLevel) throws BccspException {
        return switch (securityLevel) {
            case 256 -> this == SHA2 ? HashAlgorithm.SHA256 : HashAlgorithm.SHA3_256;
            case 384 -> this == SHA2 ? HashAlgorithm.SHA384 : HashAlgorithm.SHA3_384;
            default -> throw new BccspException("Security level not supported [" + securityLevel + "]");
        };
    }
}
