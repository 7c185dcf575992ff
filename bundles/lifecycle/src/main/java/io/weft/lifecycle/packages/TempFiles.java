package io.weft.lifecycle.packages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The first half of Fabric's atomic file write ({@code persistence.FilesystemIO.WriteFile}): the bytes go to a
 * temporary file beside the target, flushed to disk, which the caller then renames into place.
 */
final class TempFiles {

    /** Fabric's prefix for these files; they never match a package file name. */
    static final String PREFIX = ".ccpackage.";

    private TempFiles() {
    }

    /** A new temporary file in {@code dir} holding {@code data}; removed again if writing fails. */
    static Path write(Path dir, byte[] data) throws IOException {
        Path temp = Files.createTempFile(dir, PREFIX, "");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }
}
