package io.weft.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The peer's {@code core.yaml} (or the orderer's {@code orderer.yaml}), read the way Fabric's viper setup reads
 * it: keys are dotted paths matched case-insensitively; a value is taken from, in order, an explicit override (a
 * command-line flag), the environment (the prefix, {@code CORE_} or {@code ORDERER_}, + the key upper-cased with
 * {@code .} → {@code _}), then the file. Relative paths resolve against the file's folder. Typed getters fail with a
 * {@link ConfigException} whose one-line message names the file and the key.
 *
 * <p>Immutable and thread-safe.
 */
public final class CoreConfig {

    /** The file name Fabric looks for. */
    public static final String FILE_NAME = "core.yaml";

    /** Prefix of environment overrides. */
    public static final String ENV_PREFIX = "CORE_";

    private final Path file;
    private final String envPrefix;
    private final Map<String, Object> tree;
    private final Map<String, String> env;
    private final Map<String, String> overrides;

    private CoreConfig(Path file, String envPrefix, Map<String, Object> tree, Map<String, String> env,
            Map<String, String> overrides) {
        this.file = file;
        this.envPrefix = envPrefix;
        this.tree = tree;
        this.env = Map.copyOf(env);
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * Finds {@code core.yaml} as Fabric does ({@link ConfigLocator}) and reads it.
     *
     * @param env the process environment (for {@code FABRIC_CFG_PATH} and {@code CORE_} overrides)
     * @param workingDirectory the folder {@code ./} means
     * @param overrides values set by command-line flags, by dotted key; they win over everything
     */
    public static CoreConfig load(Map<String, String> env, Path workingDirectory, Map<String, String> overrides)
            throws ConfigException {
        return read(ConfigLocator.locate(env, workingDirectory, FILE_NAME), env, overrides);
    }

    /** Reads {@code file} as a {@code core.yaml} ({@code CORE_} overrides). */
    public static CoreConfig read(Path file, Map<String, String> env, Map<String, String> overrides)
            throws ConfigException {
        return read(file, ENV_PREFIX, env, overrides);
    }

    /** Reads {@code file} with environment overrides named {@code envPrefix} + the key ({@code ORDERER_} for orderer.yaml). */
    public static CoreConfig read(Path file, String envPrefix, Map<String, String> env, Map<String, String> overrides)
            throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        Object root;
        try (Reader reader = Files.newBufferedReader(absolute, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(absolute + ": invalid YAML at line " + (e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(absolute + ": invalid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(absolute + ": cannot read: " + e);
        }
        if (root == null) {
            root = Map.of();
        }
        if (!(root instanceof Map)) {
            throw new ConfigException(absolute + ": expected a YAML mapping at the top level");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = Collections.unmodifiableMap((Map<String, Object>) root);
        return new CoreConfig(absolute, envPrefix, tree, env, overrides);
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** The folder relative paths resolve against. */
    public Path directory() {
        return file.getParent();
    }

    /** The environment variable that overrides {@code key} in core.yaml. */
    public static String envName(String key) {
        return envName(ENV_PREFIX, key);
    }

    /** The environment variable that overrides {@code key} in this file. */
    public String envVariable(String key) {
        return envName(envPrefix, key);
    }

    private static String envName(String prefix, String key) {
        return prefix + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** A copy with more overrides. */
    public CoreConfig withOverrides(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(overrides);
        merged.putAll(more);
        return new CoreConfig(file, envPrefix, tree, env, merged);
    }

    /** Whether the key has a value from any source. */
    public boolean isSet(String key) {
        return value(key).isPresent();
    }

    /** The raw value: a String from flags or environment, whatever YAML holds otherwise. */
    public Optional<Object> value(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (o.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(o.getValue());
            }
        }
        String fromEnv = env.get(envVariable(key));
        if (fromEnv != null) {
            return Optional.of(fromEnv);
        }
        return fromFile(key);
    }

    /** The value as written in the file, ignoring overrides. */
    public Optional<Object> fromFile(String key) {
        Object node = tree;
        for (String part : key.split("\\.")) {
            if (!(node instanceof Map)) {
                return Optional.empty();
            }
            node = getIgnoreCase((Map<?, ?>) node, part);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    private static Object getIgnoreCase(Map<?, ?> map, String key) {
        Object exact = map.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (String.valueOf(e.getKey()).equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** A string; scalars of other types are rendered as YAML wrote them. */
    public String string(String key, String defaultValue) throws ConfigException {
        Optional<Object> v = value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        Object o = v.get();
        if (o instanceof Map || o instanceof List) {
            throw error(key, "expected a single value, got a " + (o instanceof Map ? "mapping" : "list"));
        }
        return String.valueOf(o);
    }

    /** A boolean, in the spellings Go's {@code strconv.ParseBool} (and so viper) accepts: 1, t, true, 0, f, false, …. */
    public boolean bool(String key, boolean defaultValue) throws ConfigException {
        Optional<Object> v = value(key);
        if (v.isEmpty() || isBlankString(v.get())) {
            return defaultValue;
        }
        Object o = v.get();
        if (o instanceof Boolean b) {
            return b;
        }
        switch (String.valueOf(o).trim()) {
            case "1", "t", "T", "TRUE", "true", "True":
                return true;
            case "0", "f", "F", "FALSE", "false", "False":
                return false;
            default:
                throw error(key, "expected true or false, got " + quote(o));
        }
    }

    /** An integer. */
    public long integer(String key, long defaultValue) throws ConfigException {
        Optional<Object> v = value(key);
        if (v.isEmpty() || isBlankString(v.get())) {
            return defaultValue;
        }
        Object o = v.get();
        if (o instanceof Integer || o instanceof Long) {
            return ((Number) o).longValue();
        }
        try {
            return Long.parseLong(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            throw error(key, "expected an integer, got " + quote(o));
        }
    }

    /**
     * A size in bytes as Fabric's byte-size hook reads it: a plain number, or a number with a unit {@code k}, {@code m}
     * or {@code g} (powers of 1024), optionally followed by {@code b}, case-insensitive ({@code 1 MB}, {@code 512k}).
     */
    public long byteSize(String key, long defaultValue) throws ConfigException {
        Optional<Object> v = value(key);
        if (v.isEmpty() || isBlankString(v.get()) || v.get() instanceof Number) {
            return integer(key, defaultValue);
        }
        Object o = v.get();
        java.util.regex.Matcher m = BYTE_SIZE.matcher(String.valueOf(o).trim());
        if (!m.matches()) {
            throw error(key, "expected a size such as 1048576, 512 KB or 1 MB, got " + quote(o));
        }
        long size;
        try {
            size = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw error(key, "size out of range: " + quote(o));
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = switch (unit) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        if (size > (0xFFFF_FFFFL >> shift)) {
            throw error(key, "size out of range (at most 4 GB): " + quote(o));
        }
        return size << shift;
    }

    private static final java.util.regex.Pattern BYTE_SIZE =
            java.util.regex.Pattern.compile("([0-9]+)(?:\\s*([kmgKMG])[bB]?)?");

    /** A Go-style duration ({@code 30s}). */
    public Duration duration(String key, Duration defaultValue) throws ConfigException {
        Optional<Object> v = value(key);
        if (v.isEmpty() || isBlankString(v.get())) {
            return defaultValue;
        }
        Object o = v.get();
        if (o instanceof Integer || o instanceof Long) {
            // viper reads a bare integer as nanoseconds; nobody means that in core.yaml
            throw error(key, "expected a duration with a unit such as 30s or 5m, got " + quote(o));
        }
        try {
            return GoDuration.parse(String.valueOf(o));
        } catch (IllegalArgumentException e) {
            throw error(key, "expected a duration such as 30s or 5m, got " + quote(o));
        }
    }

    /** A file or folder path, resolved against the config file's folder when relative. */
    public Optional<Path> path(String key) throws ConfigException {
        String p = string(key, "");
        if (p.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(resolve(p));
    }

    /** Resolves {@code p} against the config file's folder, as Fabric's {@code config.GetPath}. */
    public Path resolve(String p) {
        Path path = Path.of(p);
        return path.isAbsolute() ? path.normalize() : directory().resolve(path).normalize();
    }

    /** A list of strings: a YAML list, or whitespace-separated words from a flag or the environment. */
    public List<String> strings(String key) throws ConfigException {
        Optional<Object> v = value(key);
        if (v.isEmpty()) {
            return List.of();
        }
        Object o = v.get();
        if (o instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map || item instanceof List) {
                    throw error(key, "expected a list of strings");
                }
                out.add(String.valueOf(item));
            }
            return List.copyOf(out);
        }
        if (o instanceof Map) {
            throw error(key, "expected a list, got a mapping");
        }
        String s = String.valueOf(o).trim();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }

    /** A list of mappings, from the file only (as viper, the environment cannot set lists of structures). */
    public List<Map<String, Object>> mappings(String key) throws ConfigException {
        Optional<Object> v = fromFile(key);
        if (v.isEmpty()) {
            return List.of();
        }
        if (!(v.get() instanceof List<?> list)) {
            throw error(key, "expected a list of mappings");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            if (item == null) {
                continue;
            }
            if (!(item instanceof Map)) {
                throw error(key, "expected a list of mappings, found " + quote(item));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) item;
            out.add(m);
        }
        return List.copyOf(out);
    }

    /** A mapping from the file (empty when absent). */
    public Map<String, Object> mapping(String key) throws ConfigException {
        Optional<Object> v = fromFile(key);
        if (v.isEmpty()) {
            return Map.of();
        }
        if (!(v.get() instanceof Map)) {
            throw error(key, "expected a mapping, got " + quote(v.get()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v.get();
        return m;
    }

    /** An error about {@code key}, naming the file, and the environment variable when that is the source. */
    public ConfigException error(String key, String reason) {
        boolean overridden = overrides.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key));
        String source = overridden ? "" : env.containsKey(envVariable(key)) ? " (from " + envVariable(key) + ")" : "";
        return new ConfigException(file + ": " + key + source + ": " + reason);
    }

    private static boolean isBlankString(Object o) {
        return o instanceof String s && s.isBlank();
    }

    private static String quote(Object o) {
        return o instanceof String ? "\"" + o + "\"" : String.valueOf(o);
    }
}
