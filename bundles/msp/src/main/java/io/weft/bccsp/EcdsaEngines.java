package io.weft.bccsp;

/**
 * Chooses the ECDSA engine once per JVM: BoringSSL through Conscrypt where its native library loads (linux-x86_64
 * in the distribution), BouncyCastle otherwise or when the system property {@value #PROPERTY} is {@code bc}.
 */
final class EcdsaEngines {

    static final String PROPERTY = "weft.bccsp.ecdsa";

    private EcdsaEngines() {
    }

    /** The engine every software BCCSP of this JVM uses. */
    static EcdsaEngine preferred() {
        return Holder.PREFERRED;
    }

    private static final class Holder {
        static final EcdsaEngine PREFERRED = choose();

        private static EcdsaEngine choose() {
            EcdsaEngine bc = new BcEcdsaEngine();
            if ("bc".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
                return bc;
            }
            return ConscryptEcdsaEngine.load(bc).orElse(bc);
        }
    }
}
