package io.weft.msp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Objects;

import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.BccspException;

import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/** Entry points: the local MSP from {@code core.yaml} values, MSPs from channel configuration, managers. */
public final class Msps {

    /** {@code MSPConfig.type} of Fabric's X.509 MSP. */
    public static final int FABRIC = 0;
    /** {@code MSPConfig.type} of Idemix MSPs, which Weft does not support. */
    public static final int IDEMIX = 1;

    private Msps() {
    }

    /**
     * Loads the local MSP as the peer does at start ({@code InitCrypto}): checks the folder and ID,
     * makes the software BCCSP with the folder's (or the configured) key store, reads the folder and
     * sets the MSP up at {@link MspVersion#V1_4_3}.
     *
     * @throws MspException in Fabric's words, e.g. {@code cannot init crypto, specified path "..." does not exist ...}
     */
    public static LocalMsp loadLocal(LocalMspSettings settings) throws MspException {
        return loadLocal(settings, Clock.systemUTC());
    }

    /** {@link #loadLocal(LocalMspSettings)} with the clock that decides whether the signing identity has expired. */
    public static LocalMsp loadLocal(LocalMspSettings settings, Clock clock) throws MspException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Path dir = settings.mspConfigPath();
        try {
            if (!Files.isDirectory(dir)) {
                Files.readAttributes(dir, java.nio.file.attribute.BasicFileAttributes.class);
                throw new MspException("cannot init crypto, specified path \"" + dir + "\" is not a directory");
            }
        } catch (IOException e) {
            throw new MspException("cannot init crypto, specified path \"" + dir + "\" does not exist or cannot be "
                    + "accessed: stat " + dir + ": no such file or directory", e);
        }
        if (settings.mspId().isEmpty()) {
            throw new MspException("the local MSP must have an ID");
        }
        if ("idemix".equals(settings.mspType())) {
            throw new MspException("unsupported MSP type 'idemix': Weft supports the X.509 (bccsp) MSP only");
        }
        if (!"bccsp".equals(settings.mspType())) {
            throw new MspException("unknown MSP type '" + settings.mspType() + "'");
        }
        Bccsp bccsp;
        try {
            bccsp = Bccsp.software(settings.bccsp().withKeyStore(settings.keyStore()));
        } catch (BccspException e) {
            throw new MspException("could not initialize BCCSP Factories: Failed initializing BCCSP: Could not "
                    + "initialize BCCSP SW [" + e.getMessage() + "]", e);
        }
        FabricMSPConfig conf = MspFolder.localConfig(dir, settings.mspId());
        try {
            return new LocalMsp(MspSetup.setup(conf, MspVersion.V1_4_3, bccsp, clock.instant()), bccsp);
        } catch (MspException e) {
            throw MspException.wrap("error when setting up MSP of type bccsp from directory " + dir, e);
        }
    }

    /** A verifying MSP (no signing identity) from an MSP folder, e.g. an organization's {@code msp}. */
    public static Msp loadVerifying(Path dir, String mspId, Bccsp bccsp) throws MspException {
        FabricMSPConfig conf = MspFolder.verifyingConfig(dir, mspId);
        try {
            return MspSetup.setup(conf, MspVersion.V1_4_3, bccsp, Clock.systemUTC().instant());
        } catch (MspException e) {
            throw MspException.wrap("error when setting up MSP of type bccsp from directory " + dir, e);
        }
    }

    /**
     * An MSP from the {@code MSPConfig} value of a channel configuration (Fabric's {@code ProposeMSP}).
     *
     * @throws MspException {@code setting up the MSP manager failed: ...}, or for Idemix and unknown types
     */
    public static Msp fromConfig(MSPConfig config, MspVersion version, Bccsp bccsp) throws MspException {
        Objects.requireNonNull(config, "config");
        if (config.getType() == IDEMIX) {
            throw new MspException("Setup error: unsupported msp type 1 (Idemix MSPs are not supported by Weft)");
        }
        if (config.getType() != FABRIC) {
            throw new MspException("Setup error: unsupported msp type " + config.getType());
        }
        FabricMSPConfig fabric;
        try {
            fabric = FabricMSPConfig.parseFrom(config.getConfig());
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("setting up the MSP manager failed: failed unmarshalling fabric msp config: "
                    + e.getMessage(), e);
        }
        try {
            return fromConfig(fabric, version, bccsp);
        } catch (MspException e) {
            throw MspException.wrap("setting up the MSP manager failed", e);
        }
    }

    /** An MSP from a {@code FabricMSPConfig}. */
    public static Msp fromConfig(FabricMSPConfig config, MspVersion version, Bccsp bccsp) throws MspException {
        return MspSetup.setup(config, version, bccsp, Clock.systemUTC().instant());
    }

    /**
     * The MSP manager of a channel. MSPs with the same ID must have the same configuration
     * ({@code Attempted to define two different versions of MSP: X}).
     */
    public static MspManager manager(Collection<? extends Msp> msps) throws MspException {
        return new DefaultMspManager(Objects.requireNonNull(msps, "msps"));
    }

    /** A deserializer remembering up to {@code capacity} identities and their validation outcome. */
    public static CachingIdentityDeserializer caching(IdentityDeserializer delegate, int capacity) {
        return new CachingIdentityDeserializer(delegate, capacity);
    }

    /**
     * Fabric's {@code IsWellFormed} without an MSP: what a channel's MSP manager checks for any identity.
     */
    public static void isWellFormed(org.hyperledger.fabric.protos.msp.SerializedIdentity identity, Bccsp bccsp)
            throws MspException {
        BccspMsp.isWellFormed(identity, bccsp);
    }
}
