package io.weft.bccsp;

import java.security.Provider;
import java.security.Security;

/**
 * The software BCCSP over each ECDSA engine under comparison, so a benchmark measures Fabric's full path (low-S
 * normalisation on sign, low-S check and DER parsing on verify) and not only the curve arithmetic.
 */
public final class BenchCsps {

    /** The engines a benchmark can choose by name (a JMH {@code @Param}). */
    public enum Engine { BC, CONSCRYPT, SUNEC }

    private BenchCsps() {
    }

    public static Bccsp create(Engine engine) throws BccspException {
        return switch (engine) {
            case BC -> new SwBccsp(SwOptions.defaults(), new BcEcdsaEngine());
            case CONSCRYPT -> new SwBccsp(SwOptions.defaults(), ConscryptEcdsaEngine.load(new BcEcdsaEngine())
                    .orElseThrow(() -> new IllegalStateException("Conscrypt's native library does not load here")));
            case SUNEC -> new SwBccsp(SwOptions.defaults(), new JcaEcdsaEngine(sunEc()));
        };
    }

    private static Provider sunEc() {
        Provider p = Security.getProvider("SunEC");
        if (p == null) {
            throw new IllegalStateException("the JDK's SunEC provider is not available");
        }
        return p;
    }
}
