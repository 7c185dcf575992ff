package io.weft.lifecycle.packages;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The peer's store of installed chaincode packages, laid out as Fabric's {@code persistence.Store}: one file per
 * package, {@code <label>.<hex SHA-256>.tar.gz} (the package ID with its first {@code :} turned into {@code .}),
 * in {@code <peer.fileSystemPath>/lifecycle/chaincodes}, so a Weft and a Go peer read each other's folders.
 *
 * <p>Thread-safe. A package is written to a temporary file in the same folder and renamed into place, so readers
 * never see half a package and a crash leaves at most a temporary file (which {@link #list()} skips).
 * Unlike Fabric's store, which silently keeps the first copy, installing a package that is already stored
 * fails with {@link ChaincodeAlreadyInstalledException}: Fabric's peer reports that at install time too (from its
 * build registry), and Weft has no build step in between.
 */
@ProviderType
public final class ChaincodePackageStore {

    /** Where the store lives under {@code peer.fileSystemPath}. */
    public static final Path RELATIVE_DIRECTORY = Path.of("lifecycle", "chaincodes");

    private static final Pattern PACKAGE_FILE = Pattern.compile("^(.+)[.]([0-9a-f]{64})[.]tar[.]gz\\z");

    private final Path directory;
    /** Held for the check-and-rename of an install and for a delete; reads need no lock. */
    private final Object renames = new Object();

    /**
     * A store in {@code directory}, created (with its parents, mode {@code 0750} where POSIX) when missing, as
     * Fabric does when the peer starts.
     */
    public ChaincodePackageStore(Path directory) throws IOException {
        this.directory = Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            try {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-x---")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(directory);
            }
        }
    }

    /** The store of a peer whose {@code peer.fileSystemPath} is {@code fileSystemPath}. */
    public static ChaincodePackageStore forPeer(Path fileSystemPath) throws IOException {
        return new ChaincodePackageStore(fileSystemPath.resolve(RELATIVE_DIRECTORY));
    }

    /** Fabric's {@code CCFileName}: the file name a package ID is stored under. */
    public static String fileName(String packageId) {
        int colon = packageId.indexOf(':');
        String base = colon < 0 ? packageId : packageId.substring(0, colon) + "." + packageId.substring(colon + 1);
        return base + ".tar.gz";
    }

    public Path directory() {
        return directory;
    }

    /**
     * Stores a package.
     *
     * @return the stored package's ID and label
     * @throws ChaincodeAlreadyInstalledException when a package with the same ID is stored already
     * @throws IOException when the file cannot be written; nothing is left behind but possibly a temporary file
     */
    public InstalledChaincode install(ChaincodePackage pkg) throws ChaincodeAlreadyInstalledException, IOException {
        String packageId = pkg.packageId();
        Path target = directory.resolve(fileName(packageId));
        if (Files.exists(target)) {
            throw new ChaincodeAlreadyInstalledException(packageId);
        }
        Path temp = TempFiles.write(directory, pkg.bytes());
        try {
            synchronized (renames) {
                if (Files.exists(target)) {
                    throw new ChaincodeAlreadyInstalledException(packageId);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return new InstalledChaincode(packageId, pkg.label());
    }

    /**
     * The bytes of an installed package.
     *
     * @throws ChaincodePackageNotFoundException {@code chaincode install package '<id>' not found}
     */
    public byte[] load(String packageId) throws ChaincodePackageNotFoundException, IOException {
        Path file = file(packageId);
        if (file == null) {
            throw new ChaincodePackageNotFoundException(packageId);
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ChaincodePackageNotFoundException(packageId);
        }
    }

    /** Whether a package with this ID is installed. */
    public boolean contains(String packageId) {
        Path file = file(packageId);
        return file != null && Files.isRegularFile(file);
    }

    /**
     * The installed packages, ordered by file name as Fabric lists them. Files that are not named like a package
     * (temporary files among them) are skipped.
     */
    public List<InstalledChaincode> list() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path f : files) {
                names.add(f.getFileName().toString());
            }
        }
        names.sort(GoFiles::compareBytes);
        List<InstalledChaincode> installed = new ArrayList<>();
        for (String name : names) {
            Matcher m = PACKAGE_FILE.matcher(name);
            if (m.matches()) {
                installed.add(new InstalledChaincode(m.group(1) + ":" + m.group(2), m.group(1)));
            }
        }
        return List.copyOf(installed);
    }

    /**
     * Removes an installed package (Fabric does so when building it fails).
     *
     * @return whether there was one to remove
     */
    public boolean delete(String packageId) throws IOException {
        Path file = file(packageId);
        if (file == null) {
            return false;
        }
        synchronized (renames) {
            return Files.deleteIfExists(file);
        }
    }

    /** The file of a package ID, or {@code null} for an ID that would name something outside the store. */
    private Path file(String packageId) {
        String name = fileName(Objects.requireNonNull(packageId, "packageId"));
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.startsWith(TempFiles.PREFIX)) {
            return null;
        }
        try {
            return directory.resolve(name);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ChaincodePackageStore[" + directory + "]";
    }
}
