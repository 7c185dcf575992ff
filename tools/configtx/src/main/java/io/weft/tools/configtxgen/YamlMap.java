package io.weft.tools.configtxgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mapping of configtx.yaml read as viper/mapstructure read it: keys match case-insensitively, keys
 * that belong to no field are an error, scalars convert weakly (a number where a string is expected).
 */
final class YamlMap {

    private final String where;
    private final Map<String, Object> byLowerKey = new LinkedHashMap<>();

    private YamlMap(String where, Map<?, ?> raw) {
        this.where = where;
        raw.forEach((k, v) -> byLowerKey.put(String.valueOf(k).toLowerCase(Locale.ROOT), v));
    }

    /** The mapping at {@code value}, allowing only {@code keys}; null when the value is absent. */
    static YamlMap of(Object value, String where, String... keys) throws ConfigtxgenException {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new ConfigtxgenException("'" + where + "' expected a map, got '" + kind(value) + "'");
        }
        YamlMap y = new YamlMap(where, m);
        Set<String> allowed = new TreeSet<>();
        for (String k : keys) {
            allowed.add(k.toLowerCase(Locale.ROOT));
        }
        Set<String> invalid = new TreeSet<>();
        m.keySet().forEach(k -> {
            if (!allowed.contains(String.valueOf(k).toLowerCase(Locale.ROOT))) {
                invalid.add(String.valueOf(k));
            }
        });
        if (!invalid.isEmpty()) {
            throw new ConfigtxgenException("'" + where + "' has invalid keys: " + String.join(", ", invalid));
        }
        return y;
    }

    String where(String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    Object raw(String key) {
        return byLowerKey.get(key.toLowerCase(Locale.ROOT));
    }

    boolean has(String key) {
        return raw(key) != null;
    }

    String string(String key) throws ConfigtxgenException {
        Object v = raw(key);
        if (v == null) {
            return "";
        }
        if (v instanceof Map || v instanceof List) {
            throw new ConfigtxgenException("'" + where(key) + "' expected type 'string', got '" + kind(v) + "'");
        }
        return String.valueOf(v);
    }

    long number(String key) throws ConfigtxgenException {
        Object v = raw(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(string(key).trim());
        } catch (NumberFormatException e) {
            throw new ConfigtxgenException("cannot parse '" + where(key) + "' as int: " + v);
        }
    }

    boolean bool(String key) throws ConfigtxgenException {
        Object v = raw(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = string(key).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "1", "t", "true" -> true;
            case "0", "f", "false", "" -> false;
            default -> throw new ConfigtxgenException("cannot parse '" + where(key) + "' as bool: " + v);
        };
    }

    List<Object> list(String key) throws ConfigtxgenException {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new ConfigtxgenException("'" + where(key) + "' expected a list, got '" + kind(v) + "'");
        }
        return new ArrayList<>(l);
    }

    List<String> strings(String key) throws ConfigtxgenException {
        List<String> out = new ArrayList<>();
        for (Object o : list(key)) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** A string-keyed mapping with arbitrary keys, in file order. */
    Map<String, Object> entries(String key) throws ConfigtxgenException {
        Object v = raw(key);
        Map<String, Object> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new ConfigtxgenException("'" + where(key) + "' expected a map, got '" + kind(v) + "'");
        }
        m.forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }

    private static String kind(Object v) {
        if (v instanceof Map) {
            return "map";
        }
        if (v instanceof List) {
            return "slice";
        }
        return v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
