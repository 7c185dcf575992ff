package io.weft.core.chaincode.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of {@code chaincode.externalBuilders}: a directory with {@code bin/detect}, {@code bin/build} and optionally
 * {@code bin/release} and {@code bin/run}, each run as its own process with only the propagated environment (the
 * builder's {@code propagateEnvironment} plus Fabric's defaults).
 *
 * @param name the builder's name (recorded with each build)
 * @param location the builder's directory
 * @param propagateEnvironment extra environment variables handed to the builder's programs
 */
public record ExternalBuilder(String name, Path location, List<String> propagateEnvironment) {

    /** Fabric's {@code DefaultPropagateEnvironment}. */
    static final List<String> DEFAULT_PROPAGATE = List.of("LD_LIBRARY_PATH", "LIBPATH", "PATH", "TMPDIR");

    public ExternalBuilder {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        propagateEnvironment = List.copyOf(propagateEnvironment);
    }

    private Logger log() {
        return LoggerFactory.getLogger("io.weft.core.chaincode.externalbuilder." + name);
    }

    /** Whether this builder takes the package ({@code bin/detect} exits 0). */
    boolean detect(BuildContext context) throws InterruptedException {
        try {
            return run(program("detect"), context.sourceDir(), context.metadataDir()) == 0;
        } catch (IOException e) {
            log().debug("builder '{}' detect failed: {}", name, e.getMessage());
            return false;
        }
    }

    void build(BuildContext context) throws LaunchException, InterruptedException {
        runOrFail(program("build"), "external builder '" + name + "' failed", context.sourceDir(),
                context.metadataDir(), context.bldDir());
    }

    /** {@code bin/release}, when the builder has one. */
    void release(BuildContext context) throws LaunchException, InterruptedException {
        Path release = program("release");
        if (!Files.isExecutable(release)) {
            return;
        }
        runOrFail(release, "builder '" + name + "' release failed", context.bldDir(), context.releaseDir());
    }

    /** Starts {@code bin/run} on a build, with {@code runMetadataDir} holding its {@code chaincode.json}. */
    ChaincodeProcess start(Path bldDir, Path runMetadataDir) throws LaunchException {
        try {
            return ChaincodeProcess.start(List.of(program("run").toString(), bldDir.toString(),
                    runMetadataDir.toString()), environment(), log());
        } catch (IOException e) {
            throw new LaunchException("builder '" + name + "' run failed to start: " + e.getMessage(), e);
        }
    }

    private Path program(String verb) {
        return location.resolve("bin").resolve(verb);
    }

    private void runOrFail(Path program, String failure, Path... args) throws LaunchException, InterruptedException {
        int code;
        try {
            code = run(program, args);
        } catch (IOException e) {
            throw new LaunchException(failure + ": " + e.getMessage(), e);
        }
        if (code != 0) {
            throw new LaunchException(failure + ": exit status " + code);
        }
    }

    private int run(Path program, Path... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        for (Path a : args) {
            command.add(a.toString());
        }
        return ChaincodeProcess.start(command, environment(), log()).waitFor();
    }

    /** The propagated variables that are set in the peer's environment. */
    Map<String, String> environment() {
        Set<String> keys = new LinkedHashSet<>(DEFAULT_PROPAGATE);
        keys.addAll(propagateEnvironment);
        Map<String, String> env = new LinkedHashMap<>();
        for (String key : keys) {
            String value = System.getenv(key);
            if (value != null) {
                env.put(key, value);
            }
        }
        return env;
    }
}
