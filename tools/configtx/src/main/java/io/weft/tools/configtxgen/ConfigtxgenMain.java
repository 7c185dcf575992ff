package io.weft.tools.configtxgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import io.weft.tools.configtxgen.Configtx.Organization;
import io.weft.tools.configtxgen.Configtx.Profile;
import io.weft.tools.configtxlator.ConfigtxlatorMain;
import io.weft.tools.protolator.Protolator;
import io.weft.tools.protolator.ProtolatorException;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * Fabric's {@code configtxgen} command line, with Go-style single-dash flags: {@code -profile},
 * {@code -channelID}, {@code -outputBlock}, {@code -outputCreateChannelTx} (with
 * {@code -channelCreateTxBaseProfile}), {@code -outputAnchorPeersUpdate} with {@code -asOrg},
 * {@code -inspectBlock}, {@code -inspectChannelCreateTx}, {@code -printOrg}, {@code -configPath},
 * {@code -version}. configtx.yaml is found in {@code -configPath}, else in {@code FABRIC_CFG_PATH}.
 */
public final class ConfigtxgenMain {

    private static final Set<String> STRING_FLAGS = Set.of("outputBlock", "channelID", "outputCreateChannelTx",
            "channelCreateTxBaseProfile", "profile", "configPath", "inspectBlock", "inspectChannelCreateTx",
            "outputAnchorPeersUpdate", "asOrg", "printOrg");

    private static final String USAGE = """
            Usage of configtxgen:
              -asOrg string
                	Performs the config generation as a particular organization (by name), only including values in the write set that org (likely) has privilege to set
              -channelCreateTxBaseProfile string
                	Specifies a profile to consider as the orderer system channel current state to allow modification of non-application parameters during channel create tx generation. Only valid in conjunction with 'outputCreateChannelTx'.
              -channelID string
                	The channel ID to use in the configtx
              -configPath string
                	The path containing the configuration to use (if set)
              -inspectBlock string
                	Prints the configuration contained in the block at the specified path
              -inspectChannelCreateTx string
                	Prints the configuration contained in the transaction at the specified path
              -outputAnchorPeersUpdate string
                	[DEPRECATED] Creates a config update to update an anchor peer (works only with the default channel creation, and only for the first update)
              -outputBlock string
                	The path to write the genesis block to (if set)
              -outputCreateChannelTx string
                	The path to write a channel creation configtx to (if set)
              -printOrg string
                	Prints the definition of an organization as JSON. (useful for adding an org to a channel manually)
              -profile string
                	The profile from configtx.yaml to use for generation.
              -version
                	Show version information
            """;

    private ConfigtxgenMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }


    /** Runs configtxgen; configtx.yaml is looked up in -configPath or FABRIC_CFG_PATH. Returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> f = new HashMap<>();
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-") || a.equals("-") || a.equals("--")) {
                break; // Go's flag package stops at the first non-flag
            }
            String name = a.startsWith("--") ? a.substring(2) : a.substring(1);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("h") || name.equals("help")) {
                err.print(USAGE);
                return 0;
            }
            if (name.equals("version")) {
                version = value == null || Boolean.parseBoolean(value);
                continue;
            }
            if (!STRING_FLAGS.contains(name)) {
                err.println("flag provided but not defined: -" + name);
                err.print(USAGE);
                return 2;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    err.println("flag needs an argument: -" + name);
                    err.print(USAGE);
                    return 2;
                }
                value = args[++i];
            }
            f.put(name, value);
        }
        String outputBlock = f.getOrDefault("outputBlock", "");
        String outputCreateChannelTx = f.getOrDefault("outputCreateChannelTx", "");
        String outputAnchorPeersUpdate = f.getOrDefault("outputAnchorPeersUpdate", "");
        String channelId = f.getOrDefault("channelID", "");
        if (channelId.isEmpty() && !(outputBlock + outputCreateChannelTx + outputAnchorPeersUpdate).isEmpty()) {
            return fatal(err, "Missing channelID, please specify it with '-channelID'");
        }
        if (version) {
            out.println(ConfigtxlatorMain.versionInfo("configtxgen"));
            return 0;
        }
        String step = "loading configuration";
        try {
            Profile profile = null;
            if (!(outputBlock + outputCreateChannelTx + outputAnchorPeersUpdate).isEmpty()) {
                String name = f.getOrDefault("profile", "");
                if (name.isEmpty()) {
                    return fatal(err, "The '-profile' is required when '-outputBlock', '-outputChannelCreateTx', "
                            + "or '-outputAnchorPeersUpdate' is specified");
                }
                profile = config(f, env).profile(name);
            }
            Profile baseProfile = null;
            String baseName = f.getOrDefault("channelCreateTxBaseProfile", "");
            if (!baseName.isEmpty()) {
                if (outputCreateChannelTx.isEmpty()) {
                    err.println("WARN Specified 'channelCreateTxBaseProfile', but did not specify "
                            + "'outputCreateChannelTx', 'channelCreateTxBaseProfile' will not affect output.");
                }
                baseProfile = config(f, env).profile(baseName);
            }
            if (!outputBlock.isEmpty()) {
                step = "Error on outputBlock";
                write(outputBlock, GenesisBlocks.create(profile, channelId), "error writing genesis block");
            }
            if (!outputCreateChannelTx.isEmpty()) {
                step = "Error on outputChannelCreateTx";
                Envelope tx = baseProfile == null ? ChannelTxs.channelCreation(channelId, profile)
                        : ChannelTxs.channelCreation(channelId, profile, baseProfile);
                write(outputCreateChannelTx, tx, "error writing channel create tx");
            }
            if (f.containsKey("inspectBlock")) {
                step = "Error on inspectBlock";
                inspect(f.get("inspectBlock"), Block.getDefaultInstance(), out, "could not read block ",
                        "error unmarshalling to block: ", "malformed block contents: ");
            }
            if (f.containsKey("inspectChannelCreateTx")) {
                step = "Error on inspectChannelCreateTx";
                inspect(f.get("inspectChannelCreateTx"), Envelope.getDefaultInstance(), out,
                        "could not read channel create tx: ", "Error unmarshalling envelope: ",
                        "malformed transaction contents: ");
            }
            if (!outputAnchorPeersUpdate.isEmpty()) {
                step = "Error on inspectChannelCreateTx"; // sic: Fabric reports anchor peer errors so
                write(outputAnchorPeersUpdate,
                        ChannelTxs.anchorPeersUpdate(channelId, profile, f.getOrDefault("asOrg", "")),
                        "Error writing channel anchor peer update");
            }
            if (f.containsKey("printOrg")) {
                step = "Error on printOrg";
                printOrg(config(f, env), f.get("printOrg"), out);
            }
            return 0;
        } catch (ConfigtxgenException e) {
            if (step.equals("loading configuration")) {
                return fatal(err, e.getMessage() + hint(e.getMessage()));
            }
            return fatal(err, step + ": " + e.getMessage());
        }
    }

    private static String hint(String message) {
        if (message.contains("Could not find profile") || message.contains("Unsupported Config Type")) {
            return ". Please make sure that FABRIC_CFG_PATH or -configPath is set to a path which contains "
                    + "configtx.yaml" + (message.contains("profile") ? " with the specified profile" : "");
        }
        return "";
    }

    private static int fatal(PrintStream err, String message) {
        err.println("FATA " + message);
        return 1;
    }

    private static ConfigtxgenProfiles config(Map<String, String> f, Map<String, String> env)
            throws ConfigtxgenException {
        String dir = f.getOrDefault("configPath", "");
        if (dir.isEmpty()) {
            dir = env.getOrDefault("FABRIC_CFG_PATH", "");
        }
        return ConfigtxgenProfiles.load(ConfigtxgenProfiles.locate(Path.of(dir.isEmpty() ? "." : dir)));
    }

    private static void write(String file, Message msg, String what) throws ConfigtxgenException {
        Path p = Path.of(file);
        try {
            Path dir = p.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.write(p, Protolator.deterministicBytes(msg));
        } catch (IOException e) {
            throw new ConfigtxgenException(what + ": " + e.getMessage(), e);
        }
    }

    private static void inspect(String file, Message prototype, PrintStream out, String readError,
            String parseError, String jsonError) throws ConfigtxgenException {
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new ConfigtxgenException(readError + file, e);
        }
        Message msg;
        try {
            msg = prototype.getParserForType().parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigtxgenException(parseError + e.getMessage(), e);
        }
        try {
            out.print(Protolator.toJson(msg));
        } catch (ProtolatorException e) {
            throw new ConfigtxgenException(jsonError + e.getMessage(), e);
        }
    }

    private static void printOrg(ConfigtxgenProfiles config, String name, PrintStream out)
            throws ConfigtxgenException {
        for (Organization org : config.organizations()) {
            if (org.name().equals(name)) {
                try {
                    out.print(Protolator.orgGroupToJson(ChannelGroups.ordererOrg(org)));
                } catch (ConfigtxgenException e) {
                    throw new ConfigtxgenException("bad org definition for org " + name + ": " + e.getMessage(), e);
                } catch (ProtolatorException e) {
                    throw new ConfigtxgenException("malformed org definition for org: " + name + ": "
                            + e.getMessage(), e);
                }
                return;
            }
        }
        throw new ConfigtxgenException("organization " + name + " not found");
    }
}
