package io.weft.policies;

import java.util.ArrayList;
import java.util.List;

/** Tokenizer and recursive-descent parser for the expression subset {@link PolicyDsl} accepts. */
final class DslParser {

    sealed interface Node permits Call, Str, Num, Ident {
    }

    record Call(String name, List<Node> args) implements Node {
    }

    record Str(String value) implements Node {
    }

    record Num(double value) implements Node {
    }

    record Ident(String name) implements Node {
    }

    private final String text;
    private int pos;

    DslParser(String text) {
        this.text = text;
    }

    Node parse() {
        skipSpace();
        if (pos == text.length()) {
            throw new IllegalArgumentException("invalid policy string '" + text + "'");
        }
        Node node = expression();
        skipSpace();
        if (pos != text.length()) {
            throw unexpected();
        }
        return node;
    }

    private Node expression() {
        skipSpace();
        if (pos >= text.length()) {
            throw new IllegalArgumentException("unexpected end of policy string '" + text + "'");
        }
        char c = text.charAt(pos);
        if (c == '\'' || c == '"') {
            return new Str(quoted(c));
        }
        if (Character.isDigit(c) || c == '-' || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            String name = identifier();
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                return new Call(name, arguments());
            }
            return new Ident(name);
        }
        throw unexpected();
    }

    private List<Node> arguments() {
        List<Node> args = new ArrayList<>();
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ')') {
            pos++;
            return args;
        }
        while (true) {
            args.add(expression());
            skipSpace();
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unbalanced parenthesis in policy string '" + text + "'");
            }
            char c = text.charAt(pos++);
            if (c == ')') {
                return args;
            }
            if (c != ',') {
                pos--;
                throw unexpected();
            }
        }
    }

    private String quoted(char quote) {
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw new IllegalArgumentException("unclosed string literal in policy string '" + text + "'");
        }
        String value = text.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private Num number() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        try {
            return new Num(Double.parseDouble(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            pos = start;
            throw unexpected();
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '.') {
                break;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException unexpected() {
        return new IllegalArgumentException("unexpected character '" + text.charAt(pos) + "' at offset " + pos
                + " in policy string '" + text + "'");
    }
}
