package io.weft.core.chaincode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.peer.ChaincodeData;
import org.hyperledger.fabric.protos.peer.ChaincodeDeploymentSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import io.weft.api.chaincode.ChaincodePackages;
import io.weft.api.chaincode.InstalledPackage;
import io.weft.api.chaincode.PackageException;
import io.weft.api.chaincode.PackageNotFoundException;
import io.weft.core.chaincode.launch.Builds;
import io.weft.core.chaincode.launch.ChaincodeLauncher;
import io.weft.core.chaincode.launch.ChaincodeLauncher.Contents;
import io.weft.core.chaincode.launch.LaunchException;
import io.weft.lifecycle.legacy.LegacyChaincodeData;
import io.weft.lifecycle.legacy.LegacyPackage;
import io.weft.lifecycle.legacy.LegacyPackageException;
import io.weft.lifecycle.legacy.LegacyPackages;
import io.weft.lifecycle.packages.ChaincodeAlreadyInstalledException;
import io.weft.lifecycle.packages.ChaincodePackage;
import io.weft.lifecycle.packages.ChaincodePackageException;
import io.weft.lifecycle.packages.ChaincodePackageNotFoundException;
import io.weft.lifecycle.packages.ChaincodePackageStore;
import io.weft.lifecycle.packages.InstalledChaincode;

/**
 * The peer's installed packages and their builds (Fabric's chaincode store with its external-builder detector):
 * installing parses, stores and — unless users run chaincodes themselves — builds a package; a package that fails
 * to build is removed again. Thread-safe.
 */
public class LocalPackages implements ChaincodePackages, ChaincodeLauncher.Packages {

    private static final Logger LOG = LoggerFactory.getLogger("io.weft.core.chaincode");
    private static final Gson GSON = new Gson();

    private final ChaincodePackageStore store;
    private final Builds builds;
    private final boolean userRunsChaincodes;
    private final LegacyPackages legacy;
    /** Legacy packages that matched lscc's fingerprint once, by {@code name:version} (Fabric's package cache). */
    private final Map<String, LegacyPackage> validatedLegacy = new ConcurrentHashMap<>();

    public LocalPackages(ChaincodePackageStore store, Builds builds, boolean userRunsChaincodes) {
        this(store, builds, userRunsChaincodes, null);
    }

    /** With {@code legacy}, the install directory of lscc, whose packages launch as {@code name:version}. */
    public LocalPackages(ChaincodePackageStore store, Builds builds, boolean userRunsChaincodes,
            LegacyPackages legacy) {
        this.legacy = legacy;
        this.store = store;
        this.builds = builds;
        this.userRunsChaincodes = userRunsChaincodes;
    }

    public Builds builds() {
        return builds;
    }

    /** Whether users start chaincodes themselves ({@code chaincode.mode: dev}). */
    public boolean userRunsChaincodes() {
        return userRunsChaincodes;
    }

    public boolean isInstalled(String packageId) {
        return store.contains(packageId);
    }

    @Override
    public InstalledPackage install(ByteString bytes) throws PackageException {
        ChaincodePackage pkg;
        try {
            pkg = ChaincodePackage.parse(bytes.toByteArray());
        } catch (ChaincodePackageException e) {
            throw new PackageException("could not parse as a chaincode install package: " + e.getMessage(), e);
        }
        InstalledChaincode installed;
        try {
            installed = store.install(pkg);
        } catch (ChaincodeAlreadyInstalledException e) {
            throw new PackageException(e.getMessage(), e);
        } catch (IOException e) {
            throw new PackageException("could not save cc install package: " + e.getMessage(), e);
        }
        if (!userRunsChaincodes) {
            try {
                build(pkg);
            } catch (LaunchException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                delete(pkg.packageId());
                throw new PackageException("could not build chaincode: " + e.getMessage(), e);
            }
        }
        LOG.info("Successfully installed chaincode with package ID '{}'", installed.packageId());
        return new InstalledPackage(installed.packageId(), installed.label());
    }

    private void build(ChaincodePackage pkg) throws LaunchException, InterruptedException {
        if (builds.builders().isEmpty()) {
            throw new LaunchException("no external builders are configured (chaincode.externalBuilders) and the "
                    + "peer does not run chaincode containers");
        }
        Contents contents = contents(pkg);
        if (builds.build(pkg.packageId(), contents.metadataJson(), contents.code()).isEmpty()) {
            throw new LaunchException("no external builder in chaincode.externalBuilders detected package '"
                    + pkg.packageId() + "' of type " + pkg.type());
        }
    }

    private void delete(String packageId) {
        try {
            store.delete(packageId);
        } catch (IOException e) {
            LOG.warn("Could not remove package {} after its build failed: {}", packageId, e.getMessage());
        }
    }

    @Override
    public InstalledPackage installed(String packageId) throws PackageException {
        for (InstalledPackage p : installed()) {
            if (p.packageId().equals(packageId)) {
                return p;
            }
        }
        throw new PackageException("could not find chaincode with package id '" + packageId + "'");
    }

    @Override
    public List<InstalledPackage> installed() throws PackageException {
        try {
            List<InstalledPackage> out = new ArrayList<>();
            for (InstalledChaincode c : store.list()) {
                out.add(new InstalledPackage(c.packageId(), c.label()));
            }
            return out;
        } catch (IOException e) {
            throw new PackageException("could not list installed chaincodes: " + e.getMessage(), e);
        }
    }

    @Override
    public ByteString load(String packageId) throws PackageException {
        try {
            return ByteString.copyFrom(store.load(packageId));
        } catch (ChaincodePackageNotFoundException e) {
            throw new PackageNotFoundException(packageId);
        } catch (IOException e) {
            throw new PackageException("could not load cc install package: " + e.getMessage(), e);
        }
    }

    /** The package's metadata and code, for a builder; null when it is not installed. */
    @Override
    public Contents contents(String packageId) throws IOException {
        if (!store.contains(packageId)) {
            return legacyContents(packageId);
        }
        try {
            return contents(ChaincodePackage.parse(store.load(packageId)));
        } catch (ChaincodePackageException e) {
            throw new IOException("installed package " + packageId + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Fabric's {@code SecurityCheckLegacyChaincode}: the package installed as {@code name:version} matches the
     * fingerprint in {@code chaincodeData} (checked once per package), and a signed package's instantiation policy is
     * the one lscc recorded (checked every time).
     *
     * @throws PackageException Fabric's reason ({@code invalid deployment spec: …}, {@code chaincode fingerprint
     *         mismatch: …}, {@code Instantiation policy mismatch for cc …})
     */
    public void checkLegacy(ByteString chaincodeData) throws PackageException {
        LegacyChaincodeData cd;
        try {
            cd = LegacyChaincodeData.parse(chaincodeData);
        } catch (LegacyPackageException e) {
            throw new PackageException(e.getMessage(), e);
        }
        String id = cd.chaincodeId();
        LegacyPackage pack = validatedLegacy.get(id);
        if (pack == null) {
            try {
                pack = legacy == null ? null : legacy.get(id);
            } catch (LegacyPackageException e) {
                throw new PackageException("invalid deployment spec: " + e.getMessage(), e);
            }
            if (pack == null) {
                throw new PackageException("invalid deployment spec: no legacy install directory");
            }
            try {
                pack.validate(ChaincodeData.parseFrom(chaincodeData));
            } catch (LegacyPackageException | InvalidProtocolBufferException e) {
                throw new PackageException("chaincode fingerprint mismatch: " + e.getMessage(), e);
            }
            validatedLegacy.put(id, pack);
        }
        if (pack.instantiationPolicy().isPresent() && !pack.instantiationPolicy().get().equals(cd.instantiationPolicy())) {
            throw new PackageException("Instantiation policy mismatch for cc " + id);
        }
    }

    /**
     * Fabric's fallback to the legacy install directory: the deployment spec installed as {@code name:version}, its
     * metadata named after the chaincode and typed as the spec is ({@code JAVA}, {@code GOLANG}, …).
     */
    private Contents legacyContents(String nameVersion) {
        if (legacy == null) {
            return null;
        }
        ChaincodeDeploymentSpec cds;
        try {
            cds = legacy.get(nameVersion).depSpec();
        } catch (LegacyPackageException e) {
            return null;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("path", cds.getChaincodeSpec().getChaincodeId().getPath());
        metadata.put("type", cds.getChaincodeSpec().getType().name());
        metadata.put("label", cds.getChaincodeSpec().getChaincodeId().getName());
        byte[] code = cds.getCodePackage().toByteArray();
        return new Contents(GSON.toJson(metadata).getBytes(StandardCharsets.UTF_8), dir -> {
            try {
                ChaincodePackage.extractCode(code, dir);
            } catch (ChaincodePackageException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    private static Contents contents(ChaincodePackage pkg) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("path", pkg.path());
        metadata.put("type", pkg.type());
        metadata.put("label", pkg.label());
        return new Contents(GSON.toJson(metadata).getBytes(StandardCharsets.UTF_8), dir -> {
            try {
                pkg.extractCode(dir);
            } catch (ChaincodePackageException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }
}
