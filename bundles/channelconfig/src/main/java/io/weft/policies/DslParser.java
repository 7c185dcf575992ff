package io.weft.policies;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizer and recursive-descent parser for the expression subset {@link PolicyDsl} accepts.
 *
 * <p>Fabric compiles the policy string three times with expr-lang, whose parser refuses an expression of more than
 * {@value #MAX_NODES} AST nodes; the last compile, of {@code outof(ID, n, ...)} calls, is the largest: four nodes
 * per gate (callee, call, {@code ID}, threshold) and one per principal. The same budget is counted here.
 *
 * <p>Go's growable stacks let Fabric nest up to ~2,500 gates within that budget; this recursive parser (and the
 * protobuf encoding of the result) would overflow the Java stack first, so gates may nest at most
 * {@value #MAX_DEPTH} deep. Deeper policies are of no use to a Weft peer anyway: protobuf-java decodes messages
 * nested at most 100 deep, i.e. signature policies of up to 49 nested gates.
 */
final class DslParser {

    /** expr-lang's {@code conf.DefaultMaxNodes}. */
    static final int MAX_NODES = 10_000;
    /** Weft's bound on nested gates, to keep the recursion off the end of the stack. */
    static final int MAX_DEPTH = 100;

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
    private int nodes;
    private int depth;

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
        return expression(false);
    }

    /** @param threshold whether this is the first argument of an OutOf call (part of the gate's nodes) */
    private Node expression(boolean threshold) {
        skipSpace();
        if (pos >= text.length()) {
            throw new IllegalArgumentException("unexpected end of policy string '" + text + "'");
        }
        char c = text.charAt(pos);
        if (!threshold) {
            countNodes(1);
        }
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
                countNodes(3); // with the one counted above: callee, call, ID and threshold of outof(ID, n, ...)
                if (++depth > MAX_DEPTH) {
                    throw new IllegalArgumentException("policy string nests gates more than " + MAX_DEPTH + " deep");
                }
                Call call = new Call(name, arguments(name.equals("OutOf") || name.equals("outof") || name.equals("OUTOF")));
                depth--;
                return call;
            }
            return new Ident(name);
        }
        throw unexpected();
    }

    private void countNodes(int n) {
        nodes += n;
        if (nodes > MAX_NODES) {
            throw new IllegalArgumentException("compilation failed: expression exceeds maximum allowed nodes");
        }
    }

    private List<Node> arguments(boolean outOf) {
        List<Node> args = new ArrayList<>();
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ')') {
            pos++;
            return args;
        }
        while (true) {
            args.add(expression(outOf && args.isEmpty()));
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
