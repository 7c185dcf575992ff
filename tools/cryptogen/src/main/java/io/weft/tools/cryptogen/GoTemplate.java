package io.weft.tools.cryptogen;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go's {@code text/template} that cryptogen configurations use: field references such as
 * {@code {{.Hostname}}} or {@code {{ .Index }}} (with optional {@code -} trim markers) in plain text.
 * Error texts follow Go's, with the template named {@code parse} as cryptogen names it.
 */
final class GoTemplate {

    private static final Pattern FIELD = Pattern.compile("\\s*\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");

    private GoTemplate() {
    }

    /**
     * Renders {@code template} with {@code data}'s fields.
     *
     * @param goType the Go type the data stands for, named in errors ({@code main.SpecData})
     * @throws CryptogenException {@code Error parsing template: ...} or {@code Error executing template: ...}
     */
    static String render(String template, Map<String, ?> data, String goType) throws CryptogenException {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                out.append(template, i, template.length());
                return out.toString();
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw new CryptogenException("Error parsing template: template: parse:" + line(template, open)
                        + ": unclosed action");
            }
            int bodyStart = open + 2;
            int bodyEnd = close;
            boolean trimLeft = template.startsWith("- ", bodyStart);
            boolean trimRight = bodyEnd - 2 >= bodyStart && template.startsWith(" -", bodyEnd - 2);
            if (trimLeft) {
                bodyStart++;
            }
            if (trimRight) {
                bodyEnd--;
            }
            out.append(template, i, open);
            if (trimLeft) {
                stripTrailingSpace(out);
            }
            String body = template.substring(bodyStart, bodyEnd);
            Matcher m = FIELD.matcher(body);
            if (!m.matches()) {
                throw new CryptogenException("Error parsing template: template: parse:" + line(template, open)
                        + ": unsupported action {{" + template.substring(open + 2, close)
                        + "}}: only field references such as {{.Hostname}} are supported");
            }
            String field = m.group(1);
            if (!data.containsKey(field)) {
                int dot = bodyStart + m.start(1) - 1;
                throw new CryptogenException("Error executing template: template: parse:" + line(template, dot) + ":"
                        + column(template, dot) + ": executing \"parse\" at <." + field + ">: can't evaluate field "
                        + field + " in type " + goType);
            }
            out.append(data.get(field));
            i = close + 2;
            if (trimRight) {
                while (i < template.length() && Character.isWhitespace(template.charAt(i))) {
                    i++;
                }
            }
        }
    }

    private static int line(String text, int pos) {
        int n = 1;
        for (int k = 0; k < pos; k++) {
            if (text.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static int column(String text, int pos) {
        int nl = text.lastIndexOf('\n', pos - 1);
        return nl < 0 ? pos : pos - nl - 1;
    }

    private static void stripTrailingSpace(StringBuilder sb) {
        int n = sb.length();
        while (n > 0 && Character.isWhitespace(sb.charAt(n - 1))) {
            n--;
        }
        sb.setLength(n);
    }
}
