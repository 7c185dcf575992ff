package io.weft.ledger.blockstore;

import java.nio.file.Path;
import java.util.Locale;

/** Fabric's names in a channel's block folder ({@code chains/chains/<channel>}). */
public final class BlockFiles {

    /** Fabric's default size at which a new block file is started: 64 MiB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 64L * 1024 * 1024;

    private static final String PREFIX = "blockfile_";

    private BlockFiles() {
    }

    /** {@code blockfile_NNNNNN} in {@code dir}. */
    public static Path file(Path dir, int number) {
        return dir.resolve(PREFIX + String.format(Locale.ROOT, "%06d", number));
    }

    /** The number of a block file name, or -1 when the name is not one. */
    public static int number(String fileName) {
        if (!fileName.startsWith(PREFIX) || fileName.length() != PREFIX.length() + 6) {
            return -1;
        }
        try {
            return Integer.parseInt(fileName.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
