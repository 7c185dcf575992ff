package io.weft.tools.configtxlator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import io.weft.tools.protolator.ProtoTypes;
import io.weft.tools.protolator.Protolator;
import io.weft.tools.protolator.ProtolatorException;

import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigUpdate;

/**
 * Fabric's {@code configtxlator} command line: {@code proto_encode}, {@code proto_decode},
 * {@code compute_update} and {@code version}, with kingpin-style {@code --flag=value} flags. The REST
 * server ({@code start}) is not provided.
 */
public final class ConfigtxlatorMain {

    static final String USAGE = """
            usage: configtxlator <command> [<flags>]

            Utility for generating Hyperledger Fabric channel configurations

            Commands:
              proto_encode --type=TYPE [--input=FILE] [--output=FILE]
                Converts a JSON document to protobuf.
              proto_decode --type=TYPE [--input=FILE] [--output=FILE]
                Converts a proto message to JSON.
              compute_update --channel_id=ID --original=FILE --updated=FILE [--output=FILE]
                Takes two marshaled common.Config messages and computes the config update which
                transitions between the two.
              version
                Show version information
            """;

    private ConfigtxlatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command; stdin is {@link System#in}. Returns the process exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** Runs one command with the given standard streams. Returns the process exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 1 : 0;
        }
        String command = args[0];
        Map<String, String> flags;
        try {
            flags = flags(args, switch (command) {
                case "proto_encode", "proto_decode" -> Set.of("type", "input", "output");
                case "compute_update" -> Set.of("channel_id", "original", "updated", "output");
                case "version" -> Set.of();
                case "start" -> Set.of("hostname", "port", "CORS");
                default -> throw new UsageException("expected command but got \"" + command + "\"");
            });
            return switch (command) {
                case "proto_encode" -> {
                    encode(required(flags, "type"), read(flags.get("input"), in), output(flags.get("output"), out));
                    yield 0;
                }
                case "proto_decode" -> {
                    decode(required(flags, "type"), read(flags.get("input"), in), output(flags.get("output"), out));
                    yield 0;
                }
                case "compute_update" -> {
                    String channelId = required(flags, "channel_id");
                    byte[] original = read(required(flags, "original"), in);
                    byte[] updated = read(required(flags, "updated"), in);
                    computeUpdate(original, updated, channelId, output(flags.get("output"), out));
                    yield 0;
                }
                case "version" -> {
                    out.println(versionInfo("configtxlator"));
                    yield 0;
                }
                default -> throw new UsageException("the REST server (start) is not supported by this configtxlator");
            };
        } catch (UsageException e) {
            err.println("configtxlator: error: " + e.getMessage() + ", try --help");
            return 1;
        } catch (CommandException e) {
            err.println("configtxlator: error: " + e.getMessage());
            return 1;
        }
    }

    /** Fabric's version banner for one of the tools. */
    public static String versionInfo(String program) {
        String version = ConfigtxlatorMain.class.getPackage().getImplementationVersion();
        return program + ":\n Version: " + (version != null ? version : "0.1.0-SNAPSHOT")
                + "\n Commit SHA: development build"
                + "\n Java version: " + System.getProperty("java.version")
                + "\n OS/Arch: " + System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch");
    }

    private static void encode(String type, byte[] input, Sink output) throws CommandException {
        Descriptor d = type(type);
        try {
            Message msg = Protolator.fromJson(new String(input, StandardCharsets.UTF_8), d);
            output.write(Protolator.deterministicBytes(msg));
        } catch (ProtolatorException e) {
            throw new CommandException("Error decoding: error decoding input: " + e.getMessage());
        }
    }

    private static void decode(String type, byte[] input, Sink output) throws CommandException {
        Descriptor d = type(type);
        DynamicMessage msg;
        try {
            msg = DynamicMessage.parseFrom(d, input);
        } catch (InvalidProtocolBufferException e) {
            throw new CommandException("Error decoding: error unmarshalling: " + e.getMessage());
        }
        try {
            output.write(Protolator.toJson(msg).getBytes(StandardCharsets.UTF_8));
        } catch (ProtolatorException e) {
            throw new CommandException("Error decoding: error encoding output: " + e.getMessage());
        }
    }

    private static void computeUpdate(byte[] original, byte[] updated, String channelId, Sink output)
            throws CommandException {
        Config orig;
        Config upd;
        try {
            orig = Config.parseFrom(original);
        } catch (InvalidProtocolBufferException e) {
            throw new CommandException("Error computing update: error unmarshalling original config: "
                    + e.getMessage());
        }
        try {
            upd = Config.parseFrom(updated);
        } catch (InvalidProtocolBufferException e) {
            throw new CommandException("Error computing update: error unmarshalling updated config: "
                    + e.getMessage());
        }
        ConfigUpdate cu;
        try {
            cu = ConfigUpdates.compute(orig, upd).toBuilder().setChannelId(channelId).build();
        } catch (IllegalArgumentException e) {
            throw new CommandException("Error computing update: error computing config update: " + e.getMessage());
        }
        output.write(Protolator.deterministicBytes(cu));
    }

    private static Descriptor type(String name) throws CommandException {
        return ProtoTypes.find(name)
                .orElseThrow(() -> new CommandException("Error decoding: message of type " + name + " unknown"));
    }

    // ---- flags and files

    private static Map<String, String> flags(String[] args, Set<String> allowed) throws UsageException {
        Map<String, String> flags = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("expected argument for flag --" + name);
            }
            if (!allowed.contains(name)) {
                throw new UsageException("unknown long flag '--" + name + "'");
            }
            flags.put(name, value);
        }
        return flags;
    }

    private static String required(Map<String, String> flags, String name) throws UsageException {
        String v = flags.get(name);
        if (v == null) {
            throw new UsageException("required flag --" + name + " not provided");
        }
        return v;
    }

    private static byte[] read(String file, InputStream in) throws CommandException {
        try {
            return file == null ? in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new CommandException("open " + file + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Sink {
        void write(byte[] data) throws CommandException;
    }

    private static Sink output(String file, OutputStream out) {
        return data -> {
            try {
                if (file == null) {
                    out.write(data);
                    out.flush();
                } else {
                    Files.write(Path.of(file), data);
                }
            } catch (IOException e) {
                throw new CommandException("error writing output: " + e.getMessage());
            }
        };
    }

    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final class CommandException extends Exception {
        private static final long serialVersionUID = 1L;

        CommandException(String message) {
            super(message);
        }
    }
}
