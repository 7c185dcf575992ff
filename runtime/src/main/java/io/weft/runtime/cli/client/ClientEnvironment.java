package io.weft.runtime.cli.client;

import static java.util.Objects.requireNonNull;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weft.config.CoreConfig;
import io.weft.config.PeerConfigurations;
import io.weft.msp.LocalMsp;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.MspException;
import io.weft.msp.MspSigningIdentity;
import io.weft.msp.Msps;
import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.CliLogging;
import io.weft.runtime.cli.LoadedConfig;

/**
 * Fabric's {@code InitCmd}: core.yaml (with {@code CORE_} overrides), logging from
 * {@code FABRIC_LOGGING_SPEC}, and the local MSP with its signing identity. A failure stops the
 * command with Fabric's wording ({@code Cannot run peer because …}).
 *
 * @param config the configuration
 * @param pids the configuration mapped per component (validated)
 * @param msp the local MSP
 * @param signer its signing identity
 */
public record ClientEnvironment(CoreConfig config, Map<String, Map<String, Object>> pids, LocalMsp msp, MspSigningIdentity signer) {

    private static final Logger LOG = LoggerFactory.getLogger("main");

    public ClientEnvironment {
        requireNonNull(config, "config");
        requireNonNull(pids, "pids");
        requireNonNull(msp, "msp");
        requireNonNull(signer, "signer");
    }

    /** Loads everything a client command needs; {@code legacyLoggingFlag} is the hidden {@code --logging-level}. */
    public static ClientEnvironment load(CliContext context, Map<String, String> overrides, Object legacyLoggingFlag) {
        CliLogging.fromEnvironment(context.env()).install();
        LoadedConfig loaded = LoadedConfig.load(context, overrides);
        if (loaded.legacyLoggingLevel(legacyLoggingFlag)) {
            LOG.warn(CliLogging.LEGACY_WARNING);
        }
        try {
            LocalMsp msp = Msps.loadLocal(LocalMspSettings.fromProperties(loaded.pid(PeerConfigurations.MSP_PID)));
            return new ClientEnvironment(loaded.config(), loaded.pids(), msp, msp.signingIdentity());
        } catch (MspException | IllegalArgumentException e) {
            throw new CliException("Cannot run peer because " + e.getMessage(), e);
        }
    }
}
