package io.weft.core.chaincode.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;

/**
 * Fabric's external-builder detector: builds a package with the first configured builder whose {@code detect}
 * accepts it, and keeps the result under {@code <peer.fileSystemPath>/externalbuilder/builds/<package ID>} with a
 * {@code build-info.json} naming the builder, so that a restarted peer reuses it.
 */
public final class Builds {

    private static final Pattern UNSAFE = Pattern.compile("[<>:\"/\\\\|?*&]");
    private static final Gson GSON = new Gson();

    private record BuildInfo(@SerializedName("builder_name") String builderName) {
    }

    private final Path durablePath;
    private final List<ExternalBuilder> builders;

    public Builds(Path durablePath, List<ExternalBuilder> builders) {
        this.durablePath = durablePath;
        this.builders = List.copyOf(builders);
    }

    /** Fabric's {@code SanitizeCCIDPath}: the package ID with path-unsafe characters replaced by {@code -}. */
    static String sanitize(String packageId) {
        return UNSAFE.matcher(packageId).replaceAll("-");
    }

    public List<ExternalBuilder> builders() {
        return builders;
    }

    /** The kept build of {@code packageId}, if there is one. */
    public Optional<BuiltChaincode> cached(String packageId) throws LaunchException {
        Path dir = durablePath.resolve(sanitize(packageId));
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path infoPath = dir.resolve("build-info.json");
        BuildInfo info;
        try {
            info = GSON.fromJson(Files.readString(infoPath), BuildInfo.class);
        } catch (IOException e) {
            throw new LaunchException("could not read '" + infoPath + "' for build info: " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new LaunchException("malformed build info at '" + infoPath + "': " + e.getMessage(), e);
        }
        String builderName = info == null ? null : info.builderName();
        for (ExternalBuilder b : builders) {
            if (b.name().equals(builderName)) {
                return Optional.of(new BuiltChaincode(packageId, b, dir.resolve("bld"), dir.resolve("release")));
            }
        }
        throw new LaunchException("chaincode '" + packageId + "' was already built with builder '" + builderName
                + "', but that builder is no longer available");
    }

    /**
     * Builds and releases the package, or returns its kept build. Empty when no builder takes it.
     *
     * @throws LaunchException with Fabric's message when the kept build is unusable or a builder fails
     */
    public Optional<BuiltChaincode> build(String packageId, byte[] metadataJson, CodeWriter code)
            throws LaunchException, InterruptedException {
        if (builders.isEmpty()) {
            return Optional.empty();
        }
        Optional<BuiltChaincode> cached;
        try {
            cached = cached(packageId);
        } catch (LaunchException e) {
            throw e.wrap("existing build could not be restored");
        }
        if (cached.isPresent()) {
            return cached;
        }
        try (BuildContext context = BuildContext.create(packageId, metadataJson, code)) {
            ExternalBuilder builder = null;
            for (ExternalBuilder b : builders) {
                if (b.detect(context)) {
                    builder = b;
                    break;
                }
            }
            if (builder == null) {
                return Optional.empty();
            }
            try {
                builder.build(context);
            } catch (LaunchException e) {
                throw e.wrap("external builder failed to build");
            }
            try {
                builder.release(context);
            } catch (LaunchException e) {
                throw e.wrap("external builder failed to release");
            }
            return Optional.of(persist(packageId, builder, context));
        }
    }

    private BuiltChaincode persist(String packageId, ExternalBuilder builder, BuildContext context)
            throws LaunchException {
        Path dir = durablePath.resolve(sanitize(packageId));
        try {
            Files.createDirectories(durablePath);
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new LaunchException("could not create dir '" + dir + "' to persist build output: it exists", e);
        } catch (IOException e) {
            throw new LaunchException("could not create dir '" + dir + "' to persist build output: " + e.getMessage(), e);
        }
        try {
            Files.writeString(dir.resolve("build-info.json"), GSON.toJson(new BuildInfo(builder.name())),
                    StandardCharsets.UTF_8);
            copyTree(context.releaseDir(), dir.resolve("release"));
            copyTree(context.bldDir(), dir.resolve("bld"));
        } catch (IOException | UncheckedIOException e) {
            deleteTree(dir);
            throw new LaunchException("could not move or copy build context to persistent location '" + dir + "': "
                    + e.getMessage(), e);
        }
        return new BuiltChaincode(packageId, builder, dir.resolve("bld"), dir.resolve("release"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Deletes a directory tree, best effort (scratch space). */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // scratch space: what is left is the OS's temp cleaner's
        }
    }
}
