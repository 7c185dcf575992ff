package io.weft.ledger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock on a peer's ledgers ({@code ledgersData/fileLock/LOCK}): a running peer holds
 * it, and offline node commands refuse to run while it is held, as Fabric's do.
 */
public final class LedgerLock implements AutoCloseable {

    /** Fabric's refusal of an offline command while the ledgers are in use. */
    public static final String IN_USE = "as another peer node command is executing, wait for that command to "
            + "complete its execution or terminate it before retrying";

    private final FileChannel channel;
    private final FileLock lock;

    private LedgerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails with {@link #IN_USE} when another process or holder has it. */
    public static LedgerLock acquire(LedgerLayout layout) {
        Path dir = layout.fileLock();
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new LedgerException(IN_USE);
            }
            return new LedgerLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new LedgerException(IN_USE);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LedgerException("cannot lock the ledgers at " + dir + ": " + e.getMessage(), e);
        } catch (LedgerException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock attempt already failed; that failure is the one to report
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
