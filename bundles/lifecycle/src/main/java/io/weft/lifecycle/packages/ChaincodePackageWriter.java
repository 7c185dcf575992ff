package io.weft.lifecycle.packages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a chaincode install package from source as {@code peer lifecycle chaincode package} does:
 * {@code metadata.json} ({@code {"path":…,"type":…,"label":…}}, the type as given) and {@code code.tar.gz} laid
 * out by the chaincode type's platform:
 * <ul>
 * <li>{@code java}: every file of the folder under {@code src/}, except {@code .class} files and the folders
 *     {@code target}, {@code build}, {@code out} and {@code .git};</li>
 * <li>{@code node}: every file under {@code src/}, except the folders {@code node_modules} and {@code .git};</li>
 * <li>{@code golang}: the whole Go module holding the folder (its non-hidden folders, {@code vendor} included)
 *     under {@code src/}, folder entries first, the metadata path being the package's import path. Fabric asks
 *     {@code go list} for the module; Weft reads {@code go.mod} instead and does not package GOPATH
 *     (non-module) chaincode, which needs the Go tool to find dependencies;</li>
 * <li>{@code ccaas}, {@code external} (a Weft addition: Fabric's CLI knows neither, and their packages are
 *     usually made with {@code tar}): the folder's files as they are, at the root of the code package, e.g.
 *     {@code connection.json}.</li>
 * </ul>
 * A {@code META-INF} folder at the root of the chaincode (java, node, golang) goes to {@code META-INF/}, its
 * files checked as Fabric checks CouchDB index definitions, hidden files skipped. Entries carry no time stamps
 * or owner names, so the same source gives the same code package; the compressed bytes differ from Go's (another
 * deflate implementation), so the package ID of a package built here differs from one built by Fabric's CLI for
 * the same source.
 */
public final class ChaincodePackageWriter {

    /** The chaincode types (case-insensitive) this writer packages. */
    public static final Set<String> TYPES = Set.of("golang", "java", "node", "ccaas", "external");

    private static final Set<String> JAVA_EXCLUDED_DIRS = Set.of("target", "build", "out", ".git");
    private static final Set<String> NODE_EXCLUDED_DIRS = Set.of("node_modules", ".git");
    private static final String META_INF = "META-INF";

    private ChaincodePackageWriter() {
    }

    /**
     * Builds a package, as {@code peer lifecycle chaincode package --path <path> --lang <type> --label <label>}
     * run in the folder {@code path} is relative to.
     *
     * @param source the chaincode folder to read
     * @param path the path as the user gave it: written to the metadata (except for golang) and used in messages
     * @param type the chaincode type, case-insensitive, one of {@link #TYPES}
     * @param label the package label
     * @return the package bytes
     * @throws ChaincodePackageException with Fabric's message: an invalid label, an unknown type, a chaincode
     *         folder that cannot be read or holds nothing to package, an invalid {@code META-INF} file
     */
    public static byte[] build(Path source, String path, String type, String label) throws ChaincodePackageException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        ChaincodePackage.validateLabel(Objects.requireNonNull(label, "label"));
        String platform = type.toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            throw new ChaincodePackageException("failed to normalize chaincode path: unknown chaincodeType: " + platform);
        }
        String metadataPath = path;
        if (platform.equals("GOLANG")) {
            try {
                GoModule module = GoModule.of(source);
                metadataPath = module == null ? path : module.importPath(source);
            } catch (ChaincodePackageException e) {
                throw new ChaincodePackageException("failed to normalize chaincode path: " + e.getMessage(), e);
            }
        }
        byte[] code;
        try {
            code = codePackage(source, path, platform);
        } catch (ChaincodePackageException e) {
            throw new ChaincodePackageException("error getting chaincode bytes: " + e.getMessage(), e);
        }
        String metadata = "{\"path\":" + GoJson.quote(metadataPath) + ",\"type\":" + GoJson.quote(type)
                + ",\"label\":" + GoJson.quote(label) + "}";
        try {
            return new GoTarWriter()
                    .file(ChaincodePackage.METADATA_FILE, metadata.getBytes(StandardCharsets.UTF_8), 0)
                    .file(ChaincodePackage.CODE_PACKAGE_FILE, code, 0)
                    .finish();
        } catch (IOException e) {
            throw new ChaincodePackageException("failed to create tar for chaincode: " + e.getMessage(), e);
        }
    }

    /**
     * The gzip'd tar of the chaincode's source alone (Fabric's platform {@code GetDeploymentPayload}): the code of a
     * 2.x package, and the {@code CodePackage} of a legacy deployment spec.
     *
     * @param type the platform, upper case ({@code GOLANG}, {@code JAVA}, {@code NODE}; others are taken as is)
     */
    public static byte[] codePackage(Path source, String path, String type) throws ChaincodePackageException {
        return switch (type) {
            case "GOLANG" -> golang(source, path);
            case "JAVA" -> java(source, path);
            case "NODE" -> node(source, path);
            default -> asIs(source, path);
        };
    }

    /** {@link #build(Path, String, String, String)} with the folder's own name for the path. */
    public static byte[] build(Path source, String type, String label) throws ChaincodePackageException {
        return build(source, source.toString(), type, label);
    }

    /**
     * Writes a package file as Fabric's CLI does: to a temporary file in the same folder, then renamed over
     * {@code file}, so a reader never sees half a package.
     *
     * @throws ChaincodePackageException Fabric's message for the failed step (creating, writing, renaming)
     */
    public static void writeFile(Path file, byte[] bytes) throws ChaincodePackageException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp;
        try {
            temp = TempFiles.write(dir, bytes);
        } catch (IOException e) {
            throw new ChaincodePackageException("error creating temp file in directory '" + dir + "': "
                    + GoFiles.message(e, "open", dir.resolve(TempFiles.PREFIX + "*").toString()), e);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ChaincodePackageException("error renaming temp file '" + temp + "': "
                    + GoFiles.message(e, "rename", temp + " " + target), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // the rename failed and so does the clean-up: the temporary file stays, as in Fabric
            }
        }
    }

    private static byte[] java(Path source, String path) throws ChaincodePackageException {
        if (path.isEmpty()) {
            throw new ChaincodePackageException("ChaincodeSpec's path cannot be empty");
        }
        try {
            return folder(source, trimSlash(path), JAVA_EXCLUDED_DIRS, ".class");
        } catch (ChaincodePackageException e) {
            throw new ChaincodePackageException("failed to create chaincode package: " + e.getMessage(), e);
        }
    }

    private static byte[] node(Path source, String path) throws ChaincodePackageException {
        if (path.isEmpty()) {
            throw new ChaincodePackageException("ChaincodeSpec's path cannot be empty");
        }
        try {
            return folder(source, trimSlash(path), NODE_EXCLUDED_DIRS, null);
        } catch (ChaincodePackageException e) {
            throw new ChaincodePackageException("Error writing Chaincode package contents: " + e.getMessage(), e);
        }
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Fabric's {@code WriteFolderToTarPackage}: sources under {@code src/}, the root {@code META-INF} as is. */
    private static byte[] folder(Path source, String path, Set<String> excludedDirs, String excludedExt)
            throws ChaincodePackageException {
        String root = GoFiles.clean(path);
        GoTarWriter tar = new GoTarWriter();
        List<String> written = new ArrayList<>();
        GoFiles.walk(root, source, (name, file, attrs) -> {
            if (attrs.isDirectory()) {
                return excludedDirs.contains(GoFiles.base(file)) ? GoFiles.Next.SKIP_DIR : GoFiles.Next.CONTINUE;
            }
            if (excludedExt != null && GoFiles.ext(name).equals(excludedExt)) {
                return GoFiles.Next.CONTINUE;
            }
            String rel = relative(root, name);
            String entry;
            if (rel.startsWith(META_INF)) {
                if (GoFiles.base(file).startsWith(".")) {
                    return GoFiles.Next.CONTINUE; // Fabric warns and skips hidden metadata files
                }
                validateMetadata(rel, name, file);
                entry = rel;
            } else {
                entry = GoFiles.join("src", rel);
            }
            try {
                writeSource(tar, entry, name, file);
            } catch (ChaincodePackageException e) {
                throw new ChaincodePackageException("Error writing file to package: " + e.getMessage(), e);
            }
            written.add(entry);
            return GoFiles.Next.CONTINUE;
        });
        if (written.isEmpty()) {
            throw new ChaincodePackageException("no source files found in '" + path + "'");
        }
        return finish(tar);
    }

    /** The Go module holding the chaincode, as Fabric's golang platform packages a module. */
    private static byte[] golang(Path source, String path) throws ChaincodePackageException {
        if (path.isEmpty()) {
            throw new ChaincodePackageException("cannot collect files from empty chaincode path");
        }
        GoModule module = GoModule.of(source);
        if (module == null) {
            throw GoModule.notAModule();
        }
        module.importPath(source); // fails as Fabric's 'go list' does for a folder without Go files
        String moduleRoot = module.root().toString();
        String metadataRoot = GoFiles.clean(source.toAbsolutePath().normalize().resolve(META_INF).toString());
        TreeMap<String, Path> sources = new TreeMap<>(GoFiles::compareBytes);
        try {
            GoFiles.walk(moduleRoot, module.root(), (name, file, attrs) -> {
                boolean metadata = name.startsWith(metadataRoot);
                if (attrs.isDirectory()) {
                    boolean keep = name.equals(moduleRoot) || metadata || !GoFiles.base(file).startsWith(".");
                    return keep ? GoFiles.Next.CONTINUE : GoFiles.Next.SKIP_DIR;
                }
                String entry;
                if (metadata) {
                    if (GoFiles.base(file).startsWith(".")) {
                        return GoFiles.Next.CONTINUE;
                    }
                    entry = GoFiles.join(META_INF, relative(metadataRoot, name));
                    validateMetadata(entry, name, file);
                } else {
                    entry = GoFiles.join("src", relative(moduleRoot, name));
                }
                sources.put(entry, file);
                return GoFiles.Next.CONTINUE;
            });
        } catch (ChaincodePackageException e) {
            throw new ChaincodePackageException("walk failed: " + e.getMessage(), e);
        }
        GoTarWriter tar = new GoTarWriter();
        TreeSet<String> dirs = new TreeSet<>(GoFiles::compareBytes);
        for (String entry : sources.keySet()) {
            for (int slash = entry.lastIndexOf('/'); slash > 0; slash = entry.lastIndexOf('/', slash - 1)) {
                dirs.add(entry.substring(0, slash));
            }
        }
        try {
            for (String dir : dirs) {
                tar.directory(dir + "/", GoTarWriter.SOURCE_OWNER);
            }
        } catch (IOException e) {
            throw new ChaincodePackageException(e.getMessage(), e);
        }
        for (var e : sources.entrySet()) {
            try {
                writeSource(tar, e.getKey(), e.getValue().toString(), e.getValue());
            } catch (ChaincodePackageException ex) {
                throw new ChaincodePackageException("Error writing " + e.getKey() + " to tar: " + ex.getMessage(), ex);
            }
        }
        return finish(tar);
    }

    /** ccaas and external: the folder's files at the root of the code package. */
    private static byte[] asIs(Path source, String path) throws ChaincodePackageException {
        String root = GoFiles.clean(path);
        GoTarWriter tar = new GoTarWriter();
        List<String> written = new ArrayList<>();
        GoFiles.walk(root, source, (name, file, attrs) -> {
            if (!attrs.isDirectory()) {
                String entry = relative(root, name);
                writeSource(tar, entry, name, file);
                written.add(entry);
            }
            return GoFiles.Next.CONTINUE;
        });
        if (written.isEmpty()) {
            throw new ChaincodePackageException("no files found in '" + path + "'");
        }
        return finish(tar);
    }

    /** {@code name} relative to {@code root}, both Go paths under the same root. */
    private static String relative(String root, String name) {
        if (name.equals(root)) {
            return ".";
        }
        if (root.equals(".")) {
            return name;
        }
        String prefix = root.endsWith("/") ? root : root + "/";
        if (name.startsWith(prefix)) {
            return name.substring(prefix.length());
        }
        return Path.of(root).relativize(Path.of(name)).toString().replace('\\', '/'); // Go's filepath.Rel
    }

    private static void validateMetadata(String entry, String name, Path file) throws ChaincodePackageException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ChaincodePackageException(GoFiles.message(e, "open", name), e);
        }
        String problem = MetadataFiles.validate(entry, content);
        if (problem != null) {
            throw new ChaincodePackageException(problem);
        }
    }

    /** Fabric's {@code WriteFileToPackage}: the file's content (through a symbolic link) as a regular file. */
    private static void writeSource(GoTarWriter tar, String entry, String name, Path file)
            throws ChaincodePackageException {
        BasicFileAttributes target;
        try {
            target = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new ChaincodePackageException(name + ": " + GoFiles.message(e, "open", name), e);
        }
        if (!target.isRegularFile()) {
            throw new ChaincodePackageException("failed to write " + name + " as " + entry + ": read " + name
                    + ": " + (target.isDirectory() ? "is a directory" : "not a regular file"));
        }
        try {
            tar.file(entry, file, GoTarWriter.SOURCE_OWNER);
        } catch (IOException e) {
            throw new ChaincodePackageException("failed to write " + name + " as " + entry + ": "
                    + GoFiles.message(e, "read", name), e);
        }
    }

    private static byte[] finish(GoTarWriter tar) throws ChaincodePackageException {
        try {
            return tar.finish();
        } catch (IOException e) {
            throw new ChaincodePackageException("failed to create tar for chaincode: " + e.getMessage(), e);
        }
    }
}
