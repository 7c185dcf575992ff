package io.weft.runtime.cli.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.weft.comm.GrpcClientSettings;
import io.weft.comm.HostPort;
import io.weft.config.ConfigException;
import io.weft.config.CoreConfig;
import io.weft.runtime.cli.CliException;

/**
 * How the CLI dials a peer, from the {@code peer.*} keys as Fabric's {@code configFromEnv("peer")}:
 * {@code peer.address}, {@code peer.tls.enabled}, {@code peer.tls.rootcert.file},
 * {@code peer.tls.clientAuthRequired} with {@code peer.tls.clientKey.file} and
 * {@code peer.tls.clientCert.file} (no fallback), {@code peer.tls.serverhostoverride},
 * {@code peer.client.connTimeout}.
 */
public final class PeerConnections {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private PeerConnections() {
    }

    public static GrpcClientSettings fromConfig(CoreConfig config) {
        try {
            String address = config.string("peer.address", "");
            if (address.isBlank()) {
                throw new CliException("failed to load config for PeerClient: peer address must be set");
            }
            Duration timeout = config.duration("peer.client.connTimeout", DEFAULT_TIMEOUT);
            if (timeout.isZero()) {
                timeout = DEFAULT_TIMEOUT;
            }
            boolean tls = config.bool("peer.tls.enabled", false);
            List<Path> roots = List.of();
            if (tls) {
                roots = List.of(readable(config, "peer.tls.rootcert.file"));
            }
            Optional<Path> key = Optional.empty();
            Optional<Path> cert = Optional.empty();
            if (config.bool("peer.tls.clientAuthRequired", false)) {
                key = Optional.of(readable(config, "peer.tls.clientKey.file"));
                cert = Optional.of(readable(config, "peer.tls.clientCert.file"));
            }
            String override = config.string("peer.tls.serverhostoverride", "");
            return new GrpcClientSettings(HostPort.parse(address), tls, roots,
                    override.isBlank() ? Optional.empty() : Optional.of(override), cert, key, timeout,
                    (int) config.integer("peer.maxRecvMsgSize", 100L * 1024 * 1024));
        } catch (ConfigException e) {
            throw new CliException("failed to load config for PeerClient: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliException("failed to load config for PeerClient: " + e.getMessage(), e);
        }
    }

    private static Path readable(CoreConfig config, String key) throws ConfigException {
        Path p = config.path(key).orElseThrow(() -> new CliException(
                "failed to load config for PeerClient: unable to load " + key + ": not set"));
        if (!Files.isReadable(p)) {
            throw new CliException("failed to load config for PeerClient: unable to load " + key + ": open " + p
                    + ": no such file or directory");
        }
        return p;
    }
}
