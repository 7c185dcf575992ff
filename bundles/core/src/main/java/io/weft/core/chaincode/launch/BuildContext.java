package io.weft.core.chaincode.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scratch directories of one build (Fabric's {@code BuildContext}): the extracted code ({@code src}), the
 * package's {@code metadata.json} ({@code metadata}), and the builder's {@code bld} and {@code release} outputs.
 */
final class BuildContext implements AutoCloseable {

    private final Path scratch;

    private BuildContext(Path scratch) {
        this.scratch = scratch;
    }

    static BuildContext create(String packageId, byte[] metadataJson, CodeWriter code) throws LaunchException {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("weft-" + Builds.sanitize(packageId));
        } catch (IOException e) {
            throw new LaunchException("could not create temp dir: " + e.getMessage(), e);
        }
        BuildContext context = new BuildContext(scratch);
        try {
            for (Path dir : new Path[] {context.sourceDir(), context.metadataDir(), context.bldDir(),
                    context.releaseDir()}) {
                Files.createDirectory(dir);
            }
            try {
                code.writeTo(context.sourceDir());
            } catch (IOException e) {
                throw new LaunchException("could not untar source package: " + e.getMessage(), e);
            }
            Files.write(context.metadataDir().resolve("metadata.json"), metadataJson);
            return context;
        } catch (IOException | LaunchException | RuntimeException e) {
            context.close();
            if (e instanceof LaunchException l) {
                throw l;
            }
            throw new LaunchException("could not create build context: " + e.getMessage(), e);
        }
    }

    Path sourceDir() {
        return scratch.resolve("src");
    }

    Path metadataDir() {
        return scratch.resolve("metadata");
    }

    Path bldDir() {
        return scratch.resolve("bld");
    }

    Path releaseDir() {
        return scratch.resolve("release");
    }

    @Override
    public void close() {
        Builds.deleteTree(scratch);
    }
}
