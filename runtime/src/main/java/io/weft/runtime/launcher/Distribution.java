package io.weft.runtime.launcher;

import static java.util.Objects.requireNonNull;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of an installed Weft: {@code features/} (feature JSON), {@code repository/} (bundles
 * in Maven layout), {@code deploy/} (bundles and configurations hot-deployed by FileInstall).
 *
 * @param home the installation folder
 */
public record Distribution(Path home) {

    /** System property {@code bin/peer} sets to the installation folder. */
    public static final String HOME_PROPERTY = "weft.home";

    public Distribution {
        requireNonNull(home, "home");
    }

    /** The installation this code runs from: {@code weft.home}, else the folder above this jar's {@code lib/}. */
    public static Distribution current() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            return new Distribution(Path.of(home).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(Distribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Distribution(jar.getParent().getParent().toAbsolutePath().normalize());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the Weft installation; set -D" + HOME_PROPERTY, e);
        }
    }

    public Path features() {
        return home.resolve("features");
    }

    public Path repository() {
        return home.resolve("repository");
    }

    public Path deploy() {
        return home.resolve("deploy");
    }

    /** Whether this looks like a Weft installation. */
    public boolean isValid() {
        return Files.isDirectory(features()) && Files.isDirectory(repository());
    }
}
