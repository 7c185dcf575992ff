package io.weft.tools.javabuilder;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code metadata.json} of a chaincode package: {@code type} (GOLANG, JAVA, NODE, ... as the peer CLI writes it),
 * {@code label} and {@code path} (unused for Java).
 */
record PackageMetadata(String type, String label, String path) {

    static PackageMetadata read(Path metadataDir) throws BuilderException {
        return JsonFiles.read(metadataDir.resolve("metadata.json"), PackageMetadata.class);
    }

    /** Fabric's platform name is {@code JAVA}; other tools write {@code java}. */
    boolean isJava() {
        return type != null && type.toLowerCase(Locale.ROOT).equals("java");
    }
}
