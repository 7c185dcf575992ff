package io.weft.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where Fabric looks for its configuration file: only {@code $FABRIC_CFG_PATH} when set, otherwise
 * the working directory and then {@code /etc/hyperledger/fabric}.
 */
public final class ConfigLocator {

    public static final String FABRIC_CFG_PATH = "FABRIC_CFG_PATH";
    public static final Path OFFICIAL_PATH = Path.of("/etc/hyperledger/fabric");

    private ConfigLocator() {
    }

    /** The folders searched, in order. */
    public static List<Path> searchPath(Map<String, String> env, Path workingDirectory) throws ConfigException {
        String alt = env.get(FABRIC_CFG_PATH);
        if (alt != null && !alt.isEmpty()) {
            Path dir = workingDirectory.resolve(alt);
            if (!Files.isDirectory(dir)) {
                throw new ConfigException(FABRIC_CFG_PATH + " " + alt + " does not exist");
            }
            return List.of(dir);
        }
        return List.of(workingDirectory, OFFICIAL_PATH);
    }

    /** The first {@code fileName} on the search path. */
    public static Path locate(Map<String, String> env, Path workingDirectory, String fileName) throws ConfigException {
        for (Path dir : searchPath(env, workingDirectory)) {
            Path candidate = dir.resolve(fileName);
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new ConfigException("Could not find config file. Please make sure that " + FABRIC_CFG_PATH
                + " is set to a path which contains " + fileName);
    }
}
