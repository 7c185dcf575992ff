package io.weft.config.logging;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code FABRIC_LOGGING_FORMAT} as a Log4j 2 pattern. {@code json} and {@code logfmt} give one
 * structured record per line with Fabric's field names; anything else is a Fabric format string
 * whose verbs ({@code %{color}}, {@code %{id}}, {@code %{level}}, {@code %{message}},
 * {@code %{module}}, {@code %{shortfunc}}, {@code %{time}}) are translated. Differences from
 * Fabric: {@code %{id}} is a decimal sequence number (Log4j has no hex formatting for it), and
 * {@code ts} in JSON is seconds with millisecond precision.
 */
public final class LogFormat {

    /** Fabric's default format. */
    public static final String DEFAULT = "%{color}%{time:2006-01-02 15:04:05.000 MST} %{id:04x} %{level:.4s}%{color:reset}"
            + " [%{module}] %{color:bold}%{shortfunc}%{color:reset} -> %{message}";

    static final String JSON = "{\"level\":\"%level{lowerCase=true}\",\"ts\":%d{UNIX}.%d{SSS},\"name\":\"%enc{%c}{JSON}\","
            + "\"caller\":\"%enc{%F:%L}{JSON}\",\"msg\":\"%enc{%m}{JSON}\"%notEmpty{,\"stacktrace\":\"%enc{%throwable}{JSON}\"}}%n";
    static final String LOGFMT = "ts=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} level=%level{lowerCase=true} name=%c caller=%F:%L"
            + " msg=\"%enc{%m}{JSON}\"%notEmpty{ stacktrace=\"%enc{%throwable}{JSON}\"}%n";

    private static final Pattern VERB = Pattern.compile("%\\{(color|id|level|message|module|shortfunc|time)(?::(.*?))?}");
    private static final String GO_DEFAULT_TIME = "2006-01-02T15:04:05.999Z07:00";
    private static final String[] LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
    private static final Map<String, String> LEVEL_NAMES = Map.of("TRACE", "PAYLOAD", "DEBUG", "DEBUG",
            "INFO", "INFO", "WARN", "WARN", "ERROR", "ERROR", "FATAL", "FATAL");

    private LogFormat() {
    }

    /** Whether the pattern writes exceptions itself (so the layout must not append them again). */
    public static boolean handlesExceptions(String format) {
        return "json".equals(format) || "logfmt".equals(format);
    }

    /**
     * The Log4j 2 pattern for {@code format} (empty or null means {@link #DEFAULT}).
     *
     * @throws IllegalArgumentException for an unknown {@code %{color:…}} option, as Fabric
     */
    public static String toLog4jPattern(String format) {
        if (format == null || format.isEmpty()) {
            format = DEFAULT;
        }
        if (format.equals("json")) {
            return JSON;
        }
        if (format.equals("logfmt")) {
            return LOGFMT;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = VERB.matcher(format);
        int cursor = 0;
        String openColor = null; // the style of the open %highlight group, if any
        while (m.find()) {
            out.append(literal(format.substring(cursor, m.start())));
            String verb = m.group(1);
            String arg = m.group(2) == null ? "" : m.group(2);
            switch (verb) {
                case "color" -> {
                    if (!arg.isEmpty() && !arg.equals("bold") && !arg.equals("reset")) {
                        throw new IllegalArgumentException("invalid color option: " + arg);
                    }
                    if (openColor != null) {
                        out.append(closeColor(openColor));
                        openColor = null;
                    }
                    if (!arg.equals("reset")) {
                        out.append("%highlight{");
                        openColor = arg;
                    }
                }
                case "id" -> out.append("%sn");
                case "level" -> out.append(level(arg));
                case "message" -> out.append("%m");
                case "module" -> out.append("%c");
                case "shortfunc" -> out.append("%M");
                case "time" -> out.append("%d{").append(javaTimePattern(arg.isEmpty() ? GO_DEFAULT_TIME : arg)).append('}');
                default -> throw new IllegalArgumentException("unknown verb: " + verb);
            }
            cursor = m.end();
        }
        out.append(literal(format.substring(cursor)));
        if (openColor != null) {
            out.append(closeColor(openColor));
        }
        return out.append("%n").toString();
    }

    /** Closes a %highlight group with Fabric's level colours (debug cyan, info blue, warn yellow, error red, panic/fatal magenta). */
    private static String closeColor(String style) {
        String b = style.equals("bold") ? "bold " : "";
        return "}{FATAL=" + b + "magenta, ERROR=" + b + "red, WARN=" + b + "yellow, INFO=" + b + "blue, DEBUG=" + b
                + "cyan, TRACE=" + (b.isEmpty() ? "default" : "bold") + "}";
    }

    private static String level(String goFormat) {
        if (goFormat.isEmpty() || goFormat.equals("s")) {
            return "%level{TRACE=PAYLOAD}";
        }
        StringBuilder b = new StringBuilder("%level{");
        for (int i = 0; i < LEVELS.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(LEVELS[i]).append('=').append(String.format(Locale.ROOT, "%" + goFormat, LEVEL_NAMES.get(LEVELS[i])));
        }
        return b.append('}').toString();
    }

    /** Escapes Log4j pattern characters in literal text. */
    private static String literal(String s) {
        return s.replace("%", "%%");
    }

    /** Translates a Go reference-time layout into a {@code java.time} pattern. */
    static String javaTimePattern(String go) {
        String[][] tokens = {
            {"2006", "yyyy"}, {"January", "MMMM"}, {"Jan", "MMM"}, {"Monday", "EEEE"}, {"Mon", "EEE"},
            {"MST", "z"}, {"Z07:00", "XXX"}, {"-07:00", "xxx"}, {"-0700", "xx"}, {"Z0700", "XX"},
            {".000000000", ".nnnnnnnnn"}, {".999999999", ".nnnnnnnnn"}, {".000000", ".SSSSSS"},
            {".999999", ".SSSSSS"}, {".000", ".SSS"}, {".999", ".SSS"},
            {"01", "MM"}, {"02", "dd"}, {"15", "HH"}, {"03", "hh"}, {"04", "mm"}, {"05", "ss"}, {"06", "yy"},
            {"PM", "a"}, {"_2", "d"},
        };
        StringBuilder out = new StringBuilder();
        StringBuilder quoted = new StringBuilder();
        int i = 0;
        outer:
        while (i < go.length()) {
            for (String[] t : tokens) {
                if (go.startsWith(t[0], i)) {
                    if (quoted.length() > 0) {
                        out.append('\'').append(quoted).append('\'');
                        quoted.setLength(0);
                    }
                    out.append(t[1]);
                    i += t[0].length();
                    continue outer;
                }
            }
            char c = go.charAt(i++);
            if (Character.isLetter(c) || c == '\'') {
                quoted.append(c == '\'' ? "''" : String.valueOf(c));
            } else {
                if (quoted.length() > 0) {
                    out.append('\'').append(quoted).append('\'');
                    quoted.setLength(0);
                }
                out.append(c);
            }
        }
        if (quoted.length() > 0) {
            out.append('\'').append(quoted).append('\'');
        }
        return out.toString();
    }
}
