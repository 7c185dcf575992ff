package io.weft.lifecycle.packages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A parsed chaincode install package: a gzip'd tar holding {@code metadata.json} ({@code type}, {@code path},
 * {@code label}) and {@code code.tar.gz}. Parsing follows Fabric's {@code persistence.ParseChaincodePackage}: other
 * top-level files are ignored, a later duplicate of either file replaces the earlier one, every entry must be a
 * regular file, and the label must match {@link #LABEL_PATTERN}. Immutable and thread-safe.
 */
@ProviderType
public final class ChaincodePackage {

    /** The file holding the package metadata. */
    public static final String METADATA_FILE = "metadata.json";
    /** The file holding the code. */
    public static final String CODE_PACKAGE_FILE = "code.tar.gz";
    /** Fabric's {@code LabelRegexp}, {@code ^[[:alnum:]][[:alnum:]_.+-]*$} with ASCII classes as in Go. */
    public static final String LABEL_PATTERN = "^[0-9A-Za-z][0-9A-Za-z_.+-]*$";

    // \z rather than $: Go's $ does not match before a trailing newline
    private static final Pattern LABEL = Pattern.compile("^[0-9A-Za-z][0-9A-Za-z_.+-]*\\z");
    private static final String STATEDB_DIR = "META-INF/statedb/";
    private static final String[] METADATA_FIELDS = {"type", "path", "label"};

    private final byte[] bytes;
    private final String type;
    private final String path;
    private final String label;
    private final byte[] codePackage;
    private final String packageId;

    private ChaincodePackage(byte[] bytes, String[] metadata, byte[] codePackage) {
        this.bytes = bytes;
        this.type = metadata[0];
        this.path = metadata[1];
        this.label = metadata[2];
        this.codePackage = codePackage;
        this.packageId = packageId(label, bytes);
    }

    /**
     * Parses package bytes as the peer does before installing them and as {@code calculatepackageid} does.
     *
     * @throws ChaincodePackageException with Fabric's message: a broken gzip or tar stream, an entry that is not a
     *         regular file, metadata that is not JSON, a missing file, an invalid label
     */
    public static ChaincodePackage parse(byte[] packageBytes) throws ChaincodePackageException {
        byte[] bytes = Objects.requireNonNull(packageBytes, "packageBytes").clone();
        String[] metadata = null;
        byte[] code = null;
        try (GoTarReader tar = open(bytes, "error reading as gzip stream: ")) {
            for (GoTarReader.Entry e = next(tar); e != null; e = next(tar)) {
                if (e.typeflag() != GoTarReader.TYPE_REG) {
                    throw new ChaincodePackageException(
                            "tar entry " + e.name() + " is not a regular file, type " + e.typeflag());
                }
                byte[] content;
                try {
                    content = tar.readAll();
                } catch (GoTarReader.FormatException ex) {
                    throw new ChaincodePackageException("could not read " + e.name() + " from tar: " + ex.getMessage(), ex);
                }
                if (e.name().equals(METADATA_FILE)) {
                    metadata = decodeMetadata(content);
                } else if (e.name().equals(CODE_PACKAGE_FILE)) {
                    code = content;
                }
                // anything else: Fabric logs a warning and carries on
            }
        }
        if (code == null) {
            throw new ChaincodePackageException("did not find a code package inside the package");
        }
        if (metadata == null) {
            throw new ChaincodePackageException("did not find any package metadata (missing " + METADATA_FILE + ")");
        }
        validateLabel(metadata[2]);
        return new ChaincodePackage(bytes, metadata, code);
    }

    /** Whether {@code label} is a valid package label. */
    public static boolean isValidLabel(String label) {
        return LABEL.matcher(label).matches();
    }

    /** Fabric's {@code ValidateLabel}. */
    public static void validateLabel(String label) throws ChaincodePackageException {
        if (!isValidLabel(label)) {
            throw new ChaincodePackageException("invalid label '" + label + "'. Label must be non-empty, can only "
                    + "consist of alphanumerics, symbols from '.+-_', and can only begin with alphanumerics");
        }
    }

    /** Fabric's package ID: {@code <label>:<hex SHA-256 of the whole package file>}. */
    public static String packageId(String label, byte[] packageBytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(packageBytes);
            return label + ":" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** The chaincode type as the metadata gives it ({@code golang}, {@code java}, {@code ccaas}, ...). */
    public String type() {
        return type;
    }

    /** The chaincode path as the metadata gives it (Go: the import path). */
    public String path() {
        return path;
    }

    public String label() {
        return label;
    }

    /** {@code <label>:<hex SHA-256 of the package>}. */
    public String packageId() {
        return packageId;
    }

    /** The bytes of {@code code.tar.gz}. */
    public byte[] codePackage() {
        return codePackage.clone();
    }

    /** The whole package, as parsed. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The state database artifacts (CouchDB index definitions) of the code package: each file under
     * {@code META-INF/statedb/} by name, in archive order. The peer reads them while installing, so a code package
     * that is not a gzip'd tar fails the install here.
     *
     * @throws ChaincodePackageException {@code error retrieving DB artifacts from code package: ...}
     */
    public Map<String, byte[]> dbArtifacts() throws ChaincodePackageException {
        String context = "error retrieving DB artifacts from code package: ";
        Map<String, byte[]> artifacts = new LinkedHashMap<>();
        try (GoTarReader tar = open(codePackage, context)) {
            for (GoTarReader.Entry e = next(tar, context); e != null; e = next(tar, context)) {
                if (e.name().startsWith(STATEDB_DIR) && e.typeflag() != GoTarReader.TYPE_DIR) {
                    try {
                        artifacts.put(e.name(), tar.readAll());
                    } catch (GoTarReader.FormatException ex) {
                        throw new ChaincodePackageException(context + ex.getMessage(), ex);
                    }
                }
            }
        }
        return Collections.unmodifiableMap(artifacts);
    }

    /**
     * Writes the code package's files under {@code directory}, as Fabric's external builders receive the source:
     * directories and regular files only, none outside {@code directory}.
     *
     * @throws ChaincodePackageException the code package is not a gzip'd tar, or names a file outside the directory
     */
    public void extractCode(Path directory) throws ChaincodePackageException, IOException {
        extractCode(codePackage, directory);
    }

    /** As {@link #extractCode(Path)}, for a gzip'd tar of source from elsewhere (a legacy deployment spec's code). */
    public static void extractCode(byte[] codePackage, Path directory) throws ChaincodePackageException, IOException {
        String context = "could not untar source package: ";
        Path root = directory.toAbsolutePath().normalize();
        try (GoTarReader tar = open(codePackage, context)) {
            for (GoTarReader.Entry e = next(tar, context); e != null; e = next(tar, context)) {
                Path target = root.resolve(e.name()).normalize();
                if (!target.startsWith(root) || target.equals(root) && e.typeflag() != GoTarReader.TYPE_DIR) {
                    throw new ChaincodePackageException(context + "illegal file path in tar: " + e.name());
                }
                if (e.typeflag() == GoTarReader.TYPE_DIR) {
                    Files.createDirectories(target);
                } else if (e.typeflag() == GoTarReader.TYPE_REG || e.typeflag() == 0) {
                    Files.createDirectories(target.getParent());
                    try {
                        Files.write(target, tar.readAll());
                    } catch (GoTarReader.FormatException ex) {
                        throw new ChaincodePackageException(context + ex.getMessage(), ex);
                    }
                } else {
                    throw new ChaincodePackageException(context + "invalid file type '" + (char) e.typeflag()
                            + "' contained in archive for file '" + e.name() + "'");
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ChaincodePackage[" + packageId + ", type " + type + ", path " + path + "]";
    }

    private static GoTarReader open(byte[] gz, String context) throws ChaincodePackageException {
        try {
            return GoTarReader.open(gz);
        } catch (GoTarReader.FormatException e) {
            throw new ChaincodePackageException(context + e.getMessage(), e);
        }
    }

    private static GoTarReader.Entry next(GoTarReader tar) throws ChaincodePackageException {
        return next(tar, "error inspecting next tar header: ");
    }

    private static GoTarReader.Entry next(GoTarReader tar, String context) throws ChaincodePackageException {
        try {
            return tar.next();
        } catch (GoTarReader.FormatException e) {
            throw new ChaincodePackageException(context + e.getMessage(), e);
        }
    }

    /**
     * {@code metadata.json} decoded as Go's {@code json.Unmarshal} fills Fabric's metadata struct: keys match
     * field names case-insensitively, unknown keys and {@code null}s are skipped, the last duplicate wins, and a
     * value of the wrong kind fails the document.
     */
    private static String[] decodeMetadata(byte[] json) throws ChaincodePackageException {
        String context = "could not unmarshal " + METADATA_FILE + " as json: ";
        Object doc;
        try {
            doc = GoJson.parse(json);
        } catch (GoJson.SyntaxException e) {
            throw new ChaincodePackageException(context + e.getMessage(), e);
        }
        String[] fields = {"", "", ""};
        if (doc == null) {
            return fields;
        }
        if (!(doc instanceof GoJson.JsonObject object)) {
            throw new ChaincodePackageException(context + "json: cannot unmarshal " + GoJson.kind(doc)
                    + " into Go value of type persistence.ChaincodePackageMetadata");
        }
        String typeError = null;
        for (Map.Entry<String, Object> member : object.members()) {
            int field = fieldIndex(member.getKey());
            Object value = member.getValue();
            if (field < 0 || value == null) {
                continue;
            }
            if (value instanceof String s) {
                fields[field] = s;
            } else if (typeError == null) {
                typeError = "json: cannot unmarshal " + GoJson.kind(value) + " into Go struct field "
                        + "ChaincodePackageMetadata." + METADATA_FIELDS[field] + " of type string";
            }
        }
        if (typeError != null) {
            throw new ChaincodePackageException(context + typeError);
        }
        return fields;
    }

    private static int fieldIndex(String key) {
        for (int i = 0; i < METADATA_FIELDS.length; i++) {
            String name = METADATA_FIELDS[i];
            // ASCII case folding: none of these names holds a letter with a non-ASCII fold (k, s)
            if (key.length() == name.length() && key.regionMatches(true, 0, name, 0, name.length())
                    && key.chars().allMatch(c -> c < 0x80)) {
                return i;
            }
        }
        return -1;
    }
}
