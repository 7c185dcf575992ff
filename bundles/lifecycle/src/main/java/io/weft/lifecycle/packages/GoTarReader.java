package io.weft.lifecycle.packages;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a gzip'd tar archive entry by entry, failing with the message Go's {@code compress/gzip} and
 * {@code archive/tar} give for the same bytes, since Fabric hands those messages to the user. PAX and GNU
 * long-name headers are read as Go reads them (folded into the entry they describe); a PAX global header is an
 * entry of its own, as in Go.
 */
final class GoTarReader implements AutoCloseable {

    /** Go's {@code tar.TypeReg}. */
    static final int TYPE_REG = '0';
    /** Go's {@code tar.TypeDir}. */
    static final int TYPE_DIR = '5';

    private static final int GZIP_HEADER = 10;
    private static final int BLOCK = 512;

    /** An archive entry: its name and Go's type flag. */
    record Entry(String name, int typeflag) {
    }

    /** The archive is not what it should be; the message is Go's. */
    static final class FormatException extends Exception {

        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    private final GoGzipStream gzip;
    private final TarArchiveInputStream tar;

    private GoTarReader(GoGzipStream gzip) {
        this.gzip = gzip;
        // one record per block, as Go reads: nothing is read past the end-of-archive blocks
        this.tar = new TarArchiveInputStream(gzip, BLOCK, BLOCK, StandardCharsets.UTF_8.name());
    }

    /** Starts reading; fails as {@code gzip.NewReader} does on a missing or bad gzip header. */
    static GoTarReader open(byte[] gz) throws FormatException {
        if (gz.length == 0) {
            throw new FormatException("EOF");
        }
        if (gz.length < GZIP_HEADER) {
            throw new FormatException("unexpected EOF");
        }
        if ((gz[0] & 0xff) != 0x1f || (gz[1] & 0xff) != 0x8b || gz[2] != 8) {
            throw new FormatException("gzip: invalid header");
        }
        try {
            return new GoTarReader(new GoGzipStream(new ByteArrayInputStream(gz)));
        } catch (EOFException e) {
            throw new FormatException("unexpected EOF");
        } catch (IOException e) {
            throw new FormatException("gzip: invalid header");
        }
    }

    /** The next entry, or {@code null} at the end of the archive. */
    Entry next() throws FormatException {
        TarArchiveEntry e;
        try {
            e = tar.getNextEntry();
        } catch (IOException | RuntimeException ex) {
            throw failure(ex, "archive/tar: invalid tar header");
        }
        if (e == null) {
            gzip.failIfBroken();
            if (gzip.endedInsideABlock()) {
                // Go reads whole 512-byte blocks: a stream ending inside one is cut short, not at its end
                throw new FormatException("unexpected EOF");
            }
            return null;
        }
        int flag = e.getLinkFlag() & 0xff;
        if (flag == 0) { // legacy regular file, or a directory when the name says so
            flag = e.getName().endsWith("/") ? TYPE_DIR : TYPE_REG;
        }
        return new Entry(e.getName(), flag);
    }

    /** The content of the entry {@link #next()} returned last. */
    byte[] readAll() throws FormatException {
        try {
            return tar.readAllBytes();
        } catch (IOException | RuntimeException ex) {
            throw failure(ex, "unexpected EOF");
        }
    }

    /** What went wrong: the compressed stream when it broke, else what the tar reader saw. */
    private FormatException failure(Exception ex, String tarMessage) {
        String gzipProblem = gzip.problem();
        if (gzipProblem != null) {
            return new FormatException(gzipProblem);
        }
        boolean truncated = ex instanceof EOFException
                || ex.getMessage() != null && ex.getMessage().toLowerCase(java.util.Locale.ROOT).contains("truncated");
        return new FormatException(truncated ? "unexpected EOF" : tarMessage);
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException e) {
            // in-memory streams: nothing to release
        }
    }

    /**
     * The decompressed stream, remembering the first failure in Go's words: the tar reader on top may wrap or
     * swallow it, and the message must still name the compression problem as Go does.
     */
    private static final class GoGzipStream extends FilterInputStream {

        private final Inflating inflating;
        private String problem;
        private long delivered;
        private boolean endedInsideABlock;

        GoGzipStream(InputStream compressed) throws IOException {
            this(new Inflating(compressed));
        }

        private GoGzipStream(Inflating inflating) {
            super(inflating);
            this.inflating = inflating;
        }

        String problem() {
            return problem;
        }

        boolean endedInsideABlock() {
            return endedInsideABlock;
        }

        void failIfBroken() throws FormatException {
            if (problem != null) {
                throw new FormatException(problem);
            }
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                count(b < 0 ? -1 : 1);
                return b;
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return count(super.read(b, off, len));
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private int count(int n) {
            if (n < 0) {
                endedInsideABlock = delivered % BLOCK != 0;
            } else {
                delivered += n;
            }
            return n;
        }

        private IOException remember(IOException e) {
            if (problem == null) {
                if (e instanceof EOFException) {
                    problem = "unexpected EOF";
                } else if (e instanceof ZipException && String.valueOf(e.getMessage()).contains("trailer")) {
                    problem = "gzip: invalid checksum";
                } else if (e instanceof ZipException && String.valueOf(e.getMessage()).contains("header")) {
                    problem = "gzip: invalid header";
                } else {
                    problem = "flate: corrupt input before offset " + inflating.consumed();
                }
            }
            return e;
        }
    }

    /** Exposes how much compressed input the inflater took, which Go's corrupt-input message counts. */
    private static final class Inflating extends GZIPInputStream {

        Inflating(InputStream in) throws IOException {
            super(in, 512);
        }

        long consumed() {
            return inf.getBytesRead();
        }
    }
}
