package io.weft.comm;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One listener's or client's TLS settings, as Fabric's {@code tls} sections give them.
 *
 * @param enabled whether TLS is on
 * @param clientAuthRequired whether clients must present a certificate (mutual TLS)
 * @param certificate this side's certificate (PEM)
 * @param key this side's private key (PEM)
 * @param rootCertificate the CA this side trusts for the other side (clients: the server's CA)
 * @param clientRootCertificates CAs whose client certificates a server accepts
 */
public record TlsSettings(boolean enabled, boolean clientAuthRequired, Optional<Path> certificate, Optional<Path> key,
        Optional<Path> rootCertificate, List<Path> clientRootCertificates) {

    /** TLS off. */
    public static final TlsSettings DISABLED = new TlsSettings(false, false, Optional.empty(), Optional.empty(),
            Optional.empty(), List.of());

    public TlsSettings {
        requireNonNull(certificate, "certificate");
        requireNonNull(key, "key");
        requireNonNull(rootCertificate, "rootCertificate");
        clientRootCertificates = List.copyOf(requireNonNull(clientRootCertificates, "clientRootCertificates"));
    }

    /** Settings from a component configuration's {@code tls.*} values; empty strings mean absent. */
    public static TlsSettings of(boolean enabled, boolean clientAuthRequired, String cert, String key, String rootCert,
            String[] clientRoots) {
        return new TlsSettings(enabled, clientAuthRequired, path(cert), path(key), path(rootCert),
                clientRoots == null ? List.of() : java.util.Arrays.stream(clientRoots).filter(s -> !s.isBlank()).map(Path::of).toList());
    }

    private static Optional<Path> path(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(Path.of(s));
    }
}
