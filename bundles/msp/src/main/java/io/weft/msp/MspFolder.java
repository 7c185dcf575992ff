package io.weft.msp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.google.protobuf.ByteString;

import io.weft.bccsp.Pem;

import org.hyperledger.fabric.protos.msp.FabricCryptoConfig;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.SigningIdentityInfo;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads an MSP folder into a {@code FabricMSPConfig}, as Fabric's {@code GetLocalMspConfig} and
 * {@code GetVerifyingMspConfig} do: {@code cacerts}, {@code intermediatecerts}, {@code admincerts},
 * {@code signcerts}, {@code tlscacerts}, {@code tlsintermediatecerts}, {@code crls} and
 * {@code config.yaml}. Files without PEM content are skipped, as Fabric skips them.
 */
public final class MspFolder {

    private MspFolder() {
    }

    /** The configuration of a local MSP: the folder's material plus its signing certificate. */
    public static FabricMSPConfig localConfig(Path dir, String mspId) throws MspException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(mspId, "mspId");
        Path signcertDir = dir.resolve("signcerts");
        List<byte[]> signcerts;
        try {
            signcerts = pemMaterial(signcertDir);
        } catch (IOException e) {
            throw new MspException("could not load a valid signer certificate from directory " + signcertDir + ": "
                    + ioMessage(e), e);
        }
        if (signcerts.isEmpty()) {
            throw new MspException("could not load a valid signer certificate from directory " + signcertDir
                    + ": no PEM file found");
        }
        SigningIdentityInfo sid = SigningIdentityInfo.newBuilder()
                .setPublicSigner(ByteString.copyFrom(signcerts.get(0)))
                .build();
        return config(dir, mspId, sid);
    }

    /** The configuration of an MSP that only verifies (no signing identity). */
    public static FabricMSPConfig verifyingConfig(Path dir, String mspId) throws MspException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(mspId, "mspId");
        return config(dir, mspId, null);
    }

    private static FabricMSPConfig config(Path dir, String mspId, SigningIdentityInfo sid) throws MspException {
        Path cacertDir = dir.resolve("cacerts");
        Path admincertDir = dir.resolve("admincerts");
        Path intermediateDir = dir.resolve("intermediatecerts");
        Path crlsDir = dir.resolve("crls");
        Path configFile = dir.resolve("config.yaml");
        Path tlscacertDir = dir.resolve("tlscacerts");
        Path tlsintermediateDir = dir.resolve("tlsintermediatecerts");

        List<byte[]> cacerts;
        try {
            cacerts = pemMaterial(cacertDir);
        } catch (IOException e) {
            throw new MspException("could not load a valid ca certificate from directory " + cacertDir + ": "
                    + ioMessage(e), e);
        }
        if (cacerts.isEmpty()) {
            throw new MspException("could not load a valid ca certificate from directory " + cacertDir
                    + ": no PEM file found");
        }
        List<byte[]> admincerts = optionalMaterial(admincertDir, "could not load a valid admin certificate from directory "
                + admincertDir);
        List<byte[]> intermediates = optionalMaterial(intermediateDir, "failed loading intermediate ca certs at ["
                + intermediateDir + "]");
        List<byte[]> tlsCaCerts = optionalMaterial(tlscacertDir, "failed loading TLS ca certs at [" + tlsintermediateDir + "]");
        List<byte[]> tlsIntermediates = List.of();
        if (!tlsCaCerts.isEmpty()) {
            tlsIntermediates = optionalMaterial(tlsintermediateDir, "failed loading TLS intermediate ca certs at ["
                    + tlsintermediateDir + "]");
        }
        List<byte[]> crls = optionalMaterial(crlsDir, "failed loading crls at [" + crlsDir + "]");

        FabricMSPConfig.Builder b = FabricMSPConfig.newBuilder()
                .setName(mspId)
                .setCryptoConfig(FabricCryptoConfig.newBuilder()
                        .setSignatureHashFamily("SHA2")
                        .setIdentityIdentifierHashFunction("SHA256"));
        cacerts.forEach(c -> b.addRootCerts(ByteString.copyFrom(c)));
        admincerts.forEach(c -> b.addAdmins(ByteString.copyFrom(c)));
        intermediates.forEach(c -> b.addIntermediateCerts(ByteString.copyFrom(c)));
        tlsCaCerts.forEach(c -> b.addTlsRootCerts(ByteString.copyFrom(c)));
        tlsIntermediates.forEach(c -> b.addTlsIntermediateCerts(ByteString.copyFrom(c)));
        crls.forEach(c -> b.addRevocationList(ByteString.copyFrom(c)));
        if (sid != null) {
            b.setSigningIdentity(sid);
        }
        if (Files.exists(configFile)) {
            applyConfigYaml(dir, configFile, b);
        }
        return b.build();
    }

    private static void applyConfigYaml(Path dir, Path file, FabricMSPConfig.Builder b) throws MspException {
        Object root;
        try {
            String text = Files.readString(file);
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (IOException e) {
            throw new MspException("failed loading configuration file at [" + file + "]: " + ioMessage(e), e);
        } catch (YAMLException e) {
            throw new MspException("failed unmarshalling configuration file at [" + file + "]: " + e.getMessage(), e);
        }
        if (root == null) {
            return;
        }
        Yamls y = new Yamls(file);
        Map<?, ?> config = y.map(root, "the document");
        for (Object item : y.list(config.get("OrganizationalUnitIdentifiers"), "OrganizationalUnitIdentifiers")) {
            if (item == null) {
                // a nil entry makes Fabric's loop dereference nil; refuse it plainly instead
                throw new MspException("failed unmarshalling configuration file at [" + file
                        + "]: empty entry in OrganizationalUnitIdentifiers");
            }
            Map<?, ?> ou = y.map(item, "OrganizationalUnitIdentifiers entry");
            Path certFile = join(dir, y.string(ou.get("Certificate"), "Certificate"));
            byte[] raw;
            try {
                raw = Files.readAllBytes(certFile);
            } catch (IOException e) {
                throw new MspException("failed loading OrganizationalUnit certificate at [" + certFile + "]: could not read file "
                        + certFile + ": " + ioMessage(e), e);
            }
            b.addOrganizationalUnitIdentifiers(FabricOUIdentifier.newBuilder()
                    .setCertificate(ByteString.copyFrom(raw))
                    .setOrganizationalUnitIdentifier(y.string(ou.get("OrganizationalUnitIdentifier"),
                            "OrganizationalUnitIdentifier")));
        }
        Object nodeOUsValue = config.get("NodeOUs");
        if (nodeOUsValue == null) {
            return;
        }
        Map<?, ?> nodeOUs = y.map(nodeOUsValue, "NodeOUs");
        if (!y.bool(nodeOUs.get("Enable"), "Enable")) {
            return;
        }
        FabricNodeOUs.Builder n = FabricNodeOUs.newBuilder().setEnable(true);
        FabricOUIdentifier client = nodeOU(y, dir, nodeOUs.get("ClientOUIdentifier"), "ClientOUIdentifier");
        FabricOUIdentifier peer = nodeOU(y, dir, nodeOUs.get("PeerOUIdentifier"), "PeerOUIdentifier");
        FabricOUIdentifier admin = nodeOU(y, dir, nodeOUs.get("AdminOUIdentifier"), "AdminOUIdentifier");
        FabricOUIdentifier orderer = nodeOU(y, dir, nodeOUs.get("OrdererOUIdentifier"), "OrdererOUIdentifier");
        if (client != null) {
            n.setClientOuIdentifier(client);
        }
        if (peer != null) {
            n.setPeerOuIdentifier(peer);
        }
        if (admin != null) {
            n.setAdminOuIdentifier(admin);
        }
        if (orderer != null) {
            n.setOrdererOuIdentifier(orderer);
        }
        b.setFabricNodeOus(n);
    }

    private static FabricOUIdentifier nodeOU(Yamls y, Path dir, Object value, String key) throws MspException {
        if (value == null) {
            return null;
        }
        Map<?, ?> m = y.map(value, key);
        String ou = y.string(m.get("OrganizationalUnitIdentifier"), "OrganizationalUnitIdentifier");
        if (ou.isEmpty()) {
            return null;
        }
        FabricOUIdentifier.Builder b = FabricOUIdentifier.newBuilder().setOrganizationalUnitIdentifier(ou);
        String cert = y.string(m.get("Certificate"), "Certificate");
        if (!cert.isEmpty()) {
            // Fabric only warns when the file cannot be read, and then checks no certifier
            try {
                b.setCertificate(ByteString.copyFrom(Files.readAllBytes(join(dir, cert))));
            } catch (IOException e) {
                // left empty, as Fabric leaves it
            }
        }
        return b.build();
    }

    /** Go's {@code filepath.Join(dir, rel)}: {@code rel} is appended even when absolute. */
    private static Path join(Path dir, String rel) {
        return Path.of(dir.toString(), rel).normalize();
    }

    private static List<byte[]> optionalMaterial(Path dir, String message) throws MspException {
        try {
            return pemMaterial(dir);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new MspException(message + ": " + ioMessage(e), e);
        }
    }

    /** Fabric's {@code getPemMaterialFromDir}: the files (whole) that contain a PEM block, by name. */
    static List<byte[]> pemMaterial(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such file or directory");
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(entries::add);
        }
        entries.sort((a, c) -> a.getFileName().toString().compareTo(c.getFileName().toString()));
        List<byte[]> out = new ArrayList<>();
        for (Path p : entries) {
            if (!Files.exists(p) || Files.isDirectory(p)) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                continue;
            }
            if (Pem.decode(bytes).isPresent()) {
                out.add(bytes);
            }
        }
        return out;
    }

    private static String ioMessage(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return "stat " + n.getFile() + ": no such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Typed access to the parsed YAML with Fabric-like errors. */
    private record Yamls(Path file) {

        MspException error(String what) {
            return new MspException("failed unmarshalling configuration file at [" + file + "]: " + what);
        }

        Map<?, ?> map(Object v, String key) throws MspException {
            if (v instanceof Map<?, ?> m) {
                return m;
            }
            throw error("cannot unmarshal " + describe(v) + " into " + key + " (a mapping)");
        }

        List<?> list(Object v, String key) throws MspException {
            if (v == null) {
                return List.of();
            }
            if (v instanceof List<?> l) {
                return l;
            }
            throw error("cannot unmarshal " + describe(v) + " into " + key + " (a sequence)");
        }

        String string(Object v, String key) throws MspException {
            if (v == null) {
                return "";
            }
            if (v instanceof String s) {
                return s;
            }
            if (v instanceof Number || v instanceof Boolean) {
                return v.toString();
            }
            throw error("cannot unmarshal " + describe(v) + " into " + key + " (a string)");
        }

        boolean bool(Object v, String key) throws MspException {
            if (v == null) {
                return false;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw error("cannot unmarshal " + describe(v) + " into " + key + " (a bool)");
        }

        private static String describe(Object v) {
            if (v instanceof Map) {
                return "a mapping";
            }
            if (v instanceof List) {
                return "a sequence";
            }
            return "`" + v + "`";
        }
    }
}
