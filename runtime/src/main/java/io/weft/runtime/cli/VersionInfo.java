package io.weft.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * Weft's version, commit and the Fabric version whose wire and CLI it speaks, as stamped at build
 * time, and {@code peer version}'s text in Fabric's layout.
 *
 * @param version Weft's version
 * @param commit the abbreviated commit the build came from
 * @param fabricVersion the Fabric release Weft is compatible with
 */
public record VersionInfo(String version, String commit, String fabricVersion) {

    /** The stamped version of this build. */
    public static VersionInfo current() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("/io/weft/runtime/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VersionInfo(p.getProperty("version", "unknown"), stamped(p.getProperty("commit")),
                p.getProperty("fabric", "unknown"));
    }

    private static String stamped(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "development build" : value;
    }

    /** {@code peer version} output: Fabric's lines, with Weft's facts in them. */
    public String peerVersionText() {
        return programLines("peer")
                + " Chaincode:\n"
                + "  Base Docker Label: org.hyperledger.fabric\n"
                + "  Docker Namespace: hyperledger\n"
                + "\n";
    }

    /** {@code orderer version} output: Fabric's lines (and the empty line its {@code Println} adds). */
    public String ordererVersionText() {
        return programLines("orderer") + "\n";
    }

    /** The lines every Fabric program's version starts with. */
    private String programLines(String program) {
        return program + ":\n"
                + " Version: " + version + " (Weft, compatible with Fabric " + fabricVersion + ")\n"
                + " Commit SHA: " + commit + "\n"
                + " Go version: none (Weft runs on Java " + System.getProperty("java.version") + ")\n"
                + " OS/Arch: " + osArch() + "\n";
    }

    /** Go's {@code GOOS/GOARCH} naming of this platform. */
    static String osArch() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String goos = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : os;
        String arch = System.getProperty("os.arch");
        String goarch = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386" -> "386";
            default -> arch;
        };
        return goos + "/" + goarch;
    }
}
