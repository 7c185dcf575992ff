package io.weft.tools.javabuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * State database metadata of a package ({@code META-INF/statedb/couchdb/indexes/*.json} and
 * {@code .../collections/<name>/indexes}): {@code build} keeps it beside the jars, {@code release} hands it to the
 * peer as {@code RELEASE_OUTPUT_DIR/statedb/...}, the layout the peer reads CouchDB indexes from.
 */
final class StateDbIndexes {

    private static final String STATEDB = "statedb";

    private StateDbIndexes() {
    }

    /**
     * Copies {@code META-INF/statedb} of the package (where the peer CLI puts it, at the top; or under {@code src/})
     * to {@code BUILD_OUTPUT_DIR/META-INF/statedb}.
     */
    static void keep(Path source, Path output) throws BuilderException {
        for (Path metaInf : new Path[] {source.resolve("META-INF"), source.resolve("src").resolve("META-INF")}) {
            Path statedb = metaInf.resolve(STATEDB);
            if (Files.isDirectory(statedb)) {
                copy(statedb, output.resolve("META-INF").resolve(STATEDB));
                return;
            }
        }
    }

    /** Copies what {@link #keep} kept to {@code RELEASE_OUTPUT_DIR/statedb}; nothing to do without it. */
    static void release(Path build, Path release) throws BuilderException {
        Path statedb = build.resolve("META-INF").resolve(STATEDB);
        if (Files.isDirectory(statedb)) {
            copy(statedb, release.resolve(STATEDB));
        }
    }

    private static void copy(Path from, Path to) throws BuilderException {
        try {
            Trees.copy(from, to);
        } catch (IOException e) {
            throw new BuilderException("cannot copy the state database indexes " + from + " to " + to + ": " + e, e);
        }
    }
}
