package io.weft.lifecycle.legacy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hyperledger.fabric.protos.peer.ChaincodeInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeQueryResponse;

import com.google.protobuf.ByteString;

/**
 * The legacy install directory, {@code <peer.fileSystemPath>/chaincodes}: one file {@code <name>.<version>} per
 * installed package, as Fabric 2.5's {@code ccprovider} keeps it. Errors carry Go's texts ({@code open <path>: …}).
 */
public final class LegacyPackages {

    private final Path dir;

    public LegacyPackages(Path dir) {
        this.dir = dir;
    }

    /** The directory, created when missing (as the peer does at start). */
    public static LegacyPackages open(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new LegacyPackages(dir);
    }

    /**
     * Fabric's {@code GetChaincodeFromFS}: the package installed as {@code name:version}, tried as a raw CDS, then
     * as a signed one (whose error is the one reported).
     */
    public LegacyPackage get(String nameVersion) throws LegacyPackageException {
        String path = dir + "/" + nameVersion.replace(':', '.');
        ByteString buf = read(path);
        try {
            return LegacyPackage.cds(buf);
        } catch (LegacyPackageException e) {
            return LegacyPackage.signedCds(buf);
        }
    }

    /**
     * Fabric's {@code PutChaincodeToLocalStorage}: writes the package as {@code <name>.<version>}, never over an
     * installed one.
     *
     * @throws LegacyPackageException {@code error installing chaincode code <name>:<version>(<reason>)}
     */
    public void put(LegacyPackage pack, ByteString buf) throws LegacyPackageException {
        String path = dir + "/" + pack.name() + "." + pack.version();
        try {
            Path file = Path.of(path);
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(path);
            }
            Files.write(file, buf.toByteArray(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw installError(pack, "chaincode " + path + " exists", e);
        } catch (IOException | InvalidPathException e) {
            throw installError(pack, goError("open", path, e), e);
        }
    }

    /**
     * Fabric's {@code GetInstalledChaincodes}: every file named {@code <name>.<version>} (split at the first dot)
     * holding a package of that name and version, in file name order; unreadable or renamed packages are skipped.
     */
    public ChaincodeQueryResponse installed() throws LegacyPackageException {
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = new ArrayList<>(entries.sorted().toList());
        } catch (IOException e) {
            throw new LegacyPackageException(goError("open", dir.toString(), e), e);
        }
        ChaincodeQueryResponse.Builder response = ChaincodeQueryResponse.newBuilder();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            int dot = fileName.indexOf('.');
            if (dot < 0) {
                continue;
            }
            String name = fileName.substring(0, dot);
            String version = fileName.substring(dot + 1);
            LegacyPackage pack;
            try {
                pack = get(name + ":" + version);
            } catch (LegacyPackageException e) {
                continue; // tampered with, or not a legacy package
            }
            if (!pack.name().equals(name) || !pack.version().equals(version)) {
                continue; // renamed on the file system
            }
            response.addChaincodes(ChaincodeInfo.newBuilder().setName(name).setVersion(version)
                    .setPath(pack.depSpec().getChaincodeSpec().getChaincodeId().getPath()).setId(pack.id()));
        }
        return response.build();
    }

    private static LegacyPackageException installError(LegacyPackage pack, String reason, Exception cause) {
        return new LegacyPackageException(
                "error installing chaincode code " + pack.name() + ":" + pack.version() + "(" + reason + ")", cause);
    }

    /** Go's {@code ReadFile}; a path leaving the directory is not looked at. */
    private ByteString read(String path) throws LegacyPackageException {
        try {
            Path file = Path.of(path);
            if (!dir.equals(file.getParent()) || Files.notExists(file)) {
                throw new NoSuchFileException(path);
            }
            if (Files.isDirectory(file)) {
                throw new LegacyPackageException("read " + path + ": is a directory");
            }
            return ByteString.copyFrom(Files.readAllBytes(file));
        } catch (IOException | InvalidPathException e) {
            throw new LegacyPackageException(goError("open", path, e), e);
        }
    }

    /** Go's {@code *PathError} text for the common causes. */
    private static String goError(String op, String path, Exception e) {
        String reason;
        if (e instanceof NoSuchFileException || e instanceof InvalidPathException) {
            reason = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else {
            reason = String.valueOf(e.getMessage());
        }
        return op + " " + path + ": " + reason;
    }
}
