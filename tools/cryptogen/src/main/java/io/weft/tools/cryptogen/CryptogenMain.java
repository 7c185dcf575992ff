package io.weft.tools.cryptogen;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code cryptogen} command line: {@code generate}, {@code showtemplate}, {@code extend} and
 * {@code version}, with cryptogen's flags and kingpin-style errors ({@code cryptogen: error: ..., try --help}).
 */
@Command(name = "cryptogen", description = "Utility for generating Hyperledger Fabric key material",
        subcommands = {CryptogenMain.Generate.class, CryptogenMain.ShowTemplate.class, CryptogenMain.Version.class,
                CryptogenMain.Extend.class, CommandLine.HelpCommand.class})
public final class CryptogenMain implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show context-sensitive help.")
    boolean help;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns the exit code: 0 on success, 1 on any error. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new CryptogenMain());
        cl.setOverwrittenOptionsAllowed(true); // kingpin: the last --output wins
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler((ParameterException e, String[] a) -> {
            err.println("cryptogen: error: " + kingpinMessage(e) + ", try --help");
            return 1;
        });
        cl.setExecutionExceptionHandler((Exception e, CommandLine c, ParseResult r) -> {
            err.println(e instanceof CryptogenException ? e.getMessage() : "cryptogen: error: " + e);
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "command not specified");
    }

    private static String kingpinMessage(ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("--")) {
                return "unknown long flag '" + arg.split("=", 2)[0] + "'";
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                return "unknown short flag '" + arg.substring(0, 2) + "'";
            }
            return e.getCommandLine().getParent() == null ? "expected command but got \"" + arg + "\"" : "unexpected " + arg;
        }
        if (e instanceof CommandLine.MissingParameterException m && m.getMissing() != null && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof CommandLine.Model.OptionSpec o) {
            return "expected argument for flag '" + o.longestName() + "'";
        }
        return e.getMessage();
    }

    /** Reads --config, or the built-in template without it; a missing file is a flag error, as in kingpin. */
    private static CryptoConfig config(CommandLine cl, Path file) throws CryptogenException {
        if (file == null) {
            return CryptoConfig.defaultConfig();
        }
        try {
            return CryptoConfig.load(file);
        } catch (CryptogenException e) {
            if (e.getMessage().startsWith("open ")) {
                throw new ParameterException(cl, e.getMessage(), e, null, file.toString());
            }
            throw new CryptogenException("Error reading config: " + e.getMessage(), e);
        }
    }

    /** What generate and extend share: the configuration template and the help flag. */
    abstract static class ConfigCommand implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "The configuration template to use")
        Path config;

        @Option(names = "--help", usageHelp = true, description = "Show context-sensitive help.")
        boolean help;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws CryptogenException {
            CryptoConfig c = config(spec.commandLine(), config);
            PrintWriter out = spec.commandLine().getOut();
            run(c, out::println);
            return 0;
        }

        abstract void run(CryptoConfig config, java.util.function.Consumer<String> progress) throws CryptogenException;
    }

    @Command(name = "generate", description = "Generate key material")
    static final class Generate extends ConfigCommand {
        @Option(names = "--output", paramLabel = "DIR", defaultValue = "crypto-config",
                description = "The output directory in which to place artifacts")
        Path output;

        @Override
        void run(CryptoConfig config, java.util.function.Consumer<String> progress) throws CryptogenException {
            Cryptogen.generate(config, output, progress);
        }
    }

    @Command(name = "extend", description = "Extend existing network")
    static final class Extend extends ConfigCommand {
        @Option(names = "--input", paramLabel = "DIR", defaultValue = "crypto-config",
                description = "The input directory in which existing network place")
        Path input;

        @Override
        void run(CryptoConfig config, java.util.function.Consumer<String> progress) throws CryptogenException {
            Cryptogen.extend(config, input, progress);
        }
    }

    @Command(name = "showtemplate", description = "Show the default configuration template")
    static final class ShowTemplate implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(DefaultTemplate.TEXT);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "version", description = "Show version information")
    static final class Version implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(versionInfo());
            return 0;
        }
    }

    /** cryptogen's version block, with Weft's version and the Java runtime in place of Go's. */
    static String versionInfo() {
        Properties p = new Properties();
        try (InputStream in = CryptogenMain.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": the version text is informational
        }
        return "cryptogen:\n Version: " + p.getProperty("version", "unknown")
                + "\n Commit SHA: " + p.getProperty("commit", "development build")
                + "\n Java version: " + System.getProperty("java.version")
                + "\n OS/Arch: " + System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch");
    }
}
