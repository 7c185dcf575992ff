package io.weft.core.chaincode.launch;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a package's code (its {@code code.tar.gz}, extracted) into a directory, for a builder. */
@FunctionalInterface
public interface CodeWriter {
    void writeTo(Path sourceDir) throws IOException;
}
