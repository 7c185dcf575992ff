package io.weft.tools.javabuilder;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The Weft Java builder: a Fabric external builder ({@code bin/detect}, {@code bin/build}, {@code bin/release},
 * {@code bin/run}) for Java chaincode packages, run as local processes instead of Docker images. The peer calls
 * each verb as its own process with the arguments of Fabric's external builder contract; exit code 0 is success
 * (for {@code detect}: "this builder takes the package"), anything else failure, with the reason on stderr.
 */
@Command(name = "weft-java-builder", description = "Fabric external builder for Java chaincode",
        subcommands = {JavaBuilder.Detect.class, JavaBuilder.Build.class, JavaBuilder.Release.class,
                JavaBuilder.Run.class})
public final class JavaBuilder {

    /** Exit code of any failure (and of a package {@code detect} does not take). */
    static final int FAILED = 1;

    private final Processes children;
    private final PrintStream out;

    private JavaBuilder(Processes children, PrintStream out) {
        this.children = children;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, new Processes(System.getenv(), null, null), System.out, System.err));
    }

    /**
     * Runs one verb inside another program and returns its exit code. {@code env} is the whole environment Maven
     * and the chaincode get; their output is copied to {@code out} and {@code err}.
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, new Processes(env, out, err), out, err);
    }

    private static int run(String[] args, Processes children, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new JavaBuilder(children, out));
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExecutionExceptionHandler((e, c, r) -> {
            err.println(BuilderException.PREFIX + (e instanceof BuilderException ? e.getMessage() : e));
            return FAILED;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The peer's first two arguments to {@code detect} and {@code build}: the package as it installed it. */
    abstract static class PackageVerb implements Callable<Integer> {
        @ParentCommand
        JavaBuilder builder;
        @Parameters(index = "0", paramLabel = "CHAINCODE_SOURCE_DIR")
        Path source;
        @Parameters(index = "1", paramLabel = "CHAINCODE_METADATA_DIR")
        Path metadata;
    }

    @Command(name = "detect", description = "Exit 0 if the package is Java chaincode (metadata.json type JAVA)")
    static final class Detect extends PackageVerb {
        @Override
        public Integer call() throws BuilderException {
            return PackageMetadata.read(metadata).isJava() ? 0 : FAILED;
        }
    }

    @Command(name = "build", description = "Build the chaincode into BUILD_OUTPUT_DIR/lib")
    static final class Build extends PackageVerb {
        @Parameters(index = "2", paramLabel = "BUILD_OUTPUT_DIR")
        Path output;

        @Override
        public Integer call() throws BuilderException {
            PackageMetadata md = PackageMetadata.read(metadata);
            new ChaincodeBuild(builder.children, builder.out).build(source, output);
            builder.out.println("built Java chaincode " + md.label() + " into " + output);
            return 0;
        }
    }

    /** The peer's arguments to {@code release} and {@code run}: what {@code build} made, and a second directory. */
    abstract static class BuiltVerb implements Callable<Integer> {
        @ParentCommand
        JavaBuilder builder;
        @Parameters(index = "0", paramLabel = "BUILD_OUTPUT_DIR")
        Path build;
    }

    @Command(name = "release", description = "Hand the package's CouchDB index definitions to the peer")
    static final class Release extends BuiltVerb {
        @Parameters(index = "1", paramLabel = "RELEASE_OUTPUT_DIR")
        Path release;

        @Override
        public Integer call() throws BuilderException {
            StateDbIndexes.release(build, release);
            return 0;
        }
    }

    @Command(name = "run", description = "Run the chaincode until it exits (stopped by SIGTERM)")
    static final class Run extends BuiltVerb {
        @Parameters(index = "1", paramLabel = "RUN_METADATA_DIR")
        Path runMetadata;

        @Override
        public Integer call() throws BuilderException, InterruptedException {
            return new ChaincodeRun(builder.children).run(build, runMetadata);
        }
    }
}
