package io.weft.bccsp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Fabric's file key store, read-only: a private key is {@code <hex SKI>_sk}, or else any file in the
 * folder whose PEM private key has that SKI (cryptogen writes {@code priv_sk}, Fabric CA clients
 * other names). Found keys are kept; the folder is not created or written.
 */
final class FileKeyStore {

    // Fabric skips larger files when scanning: no key file is that big.
    private static final long MAX_KEY_FILE = 1 << 16;

    private final Path dir;
    private final ConcurrentMap<String, EcPrivateKey> found = new ConcurrentHashMap<>();

    FileKeyStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    Path directory() {
        return dir;
    }

    EcPrivateKey getKey(byte[] ski) throws BccspException {
        if (ski == null || ski.length == 0) {
            throw new BccspException("invalid SKI. Cannot be of zero length");
        }
        String alias = HexFormat.of().formatHex(ski);
        EcPrivateKey cached = found.get(alias);
        if (cached != null) {
            return cached;
        }
        List<Path> files = files();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!name.startsWith(alias)) {
                continue;
            }
            if (name.endsWith("sk")) {
                EcPrivateKey k = loadNamed(alias, ski);
                found.put(alias, k);
                return k;
            }
            if (name.endsWith("pk") || name.endsWith("key")) {
                throw new BccspException("key with SKI " + alias + " in " + dir + " is not an ECDSA private key");
            }
            break;
        }
        for (Path f : files) {
            EcPrivateKey k = tryLoad(f);
            if (k != null && Arrays.equals(k.publicKey().skiUnsafe(), ski)) {
                found.put(alias, k);
                return k;
            }
        }
        throw new BccspException("key with SKI " + alias + " not found in " + dir);
    }

    private EcPrivateKey loadNamed(String alias, byte[] ski) throws BccspException {
        Path file = dir.resolve(alias + "_sk");
        try {
            PrivateKeys.Parsed p = PrivateKeys.fromPem(Files.readAllBytes(file));
            if (p.key() == null) {
                throw new BccspException("secret key type not recognized");
            }
            return p.key();
        } catch (IOException e) {
            throw new BccspException("failed loading secret key [" + alias + "] [open " + file + ": " + e.getMessage() + "]", e);
        } catch (BccspException e) {
            throw new BccspException("failed loading secret key [" + alias + "] [" + e.getMessage() + "]", e);
        }
    }

    private static EcPrivateKey tryLoad(Path f) {
        try {
            if (!Files.isRegularFile(f) || Files.size(f) > MAX_KEY_FILE) {
                return null;
            }
            return PrivateKeys.fromPem(Files.readAllBytes(f)).key();
        } catch (IOException | BccspException e) {
            return null;
        }
    }

    private List<Path> files() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            return out;
        }
        // os.ReadDir order, which the first-match rules depend on
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return out;
    }
}
