package io.weft.lifecycle.packages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a gzip'd tar in memory with the entry headers Fabric's packagers write: no time stamps, no owner names,
 * fixed modes and ids, 512-byte records (Go's tar writer pads no further), PAX headers for long or non-ASCII
 * names, default gzip compression.
 */
final class GoTarWriter {

    /** The mode Fabric gives every file: a regular file, {@code rw-r--r--}. */
    static final int FILE_MODE = 0100644;
    /** The mode Fabric's Go packager gives directories. */
    static final int DIR_MODE = 040755;
    /** The uid and gid Fabric's platform packagers set on source files. */
    static final int SOURCE_OWNER = 500;

    private static final int RECORD = 512;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final GZIPOutputStream gzip;
    private final TarArchiveOutputStream tar;

    GoTarWriter() {
        try {
            gzip = new GZIPOutputStream(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        tar = new TarArchiveOutputStream(gzip, RECORD, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    /** A regular file with this content. */
    GoTarWriter file(String name, byte[] content, int owner) throws IOException {
        tar.putArchiveEntry(entry(name, TarArchiveEntry.LF_NORMAL, FILE_MODE, owner, content.length));
        tar.write(content);
        tar.closeArchiveEntry();
        return this;
    }

    /** A regular file with the content of {@code source}, read as it is streamed. */
    GoTarWriter file(String name, Path source, int owner) throws IOException {
        tar.putArchiveEntry(entry(name, TarArchiveEntry.LF_NORMAL, FILE_MODE, owner, Files.size(source)));
        try (InputStream in = Files.newInputStream(source)) {
            in.transferTo(tar);
        }
        tar.closeArchiveEntry();
        return this;
    }

    /** A directory entry; {@code name} ends with {@code /}. */
    GoTarWriter directory(String name, int owner) throws IOException {
        tar.putArchiveEntry(entry(name, TarArchiveEntry.LF_DIR, DIR_MODE, owner, 0));
        tar.closeArchiveEntry();
        return this;
    }

    /** Ends the archive and the gzip stream. */
    byte[] finish() throws IOException {
        tar.finish();
        tar.close();
        return bytes.toByteArray();
    }

    private static TarArchiveEntry entry(String name, byte type, int mode, int owner, long size) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(mode);
        e.setIds(owner, owner);
        e.setNames("", "");
        e.setModTime(FileTime.fromMillis(0));
        e.setSize(size);
        return e;
    }
}
