package io.weft.tools.cryptogen;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code crypto-config.yaml} the way Go's yaml decoder fills cryptogen's structs: keys match
 * exactly, unknown keys are ignored, any scalar fills a string, and type mismatches are collected as
 * {@code line N: cannot unmarshal !!str `x` into int}. Works on SnakeYAML's node tree for line numbers.
 */
final class ConfigParser {

    private final List<String> errors = new ArrayList<>();

    private ConfigParser() {
    }

    static CryptoConfig parse(String yaml) throws CryptogenException {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = (e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark()).getLine() + 1;
            throw new CryptogenException("Error Unmarshalling YAML: yaml: line " + line + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new CryptogenException("Error Unmarshalling YAML: yaml: " + e.getMessage(), e);
        }
        if (root == null || isNull(root)) {
            return new CryptoConfig(List.of(), List.of());
        }
        ConfigParser p = new ConfigParser();
        CryptoConfig config = p.config(root);
        if (!p.errors.isEmpty()) {
            throw new CryptogenException("Error Unmarshalling YAML: yaml: unmarshal errors: " + String.join("; ", p.errors));
        }
        return config;
    }

    private CryptoConfig config(Node node) {
        List<OrgSpec> orderers = new ArrayList<>();
        List<OrgSpec> peers = new ArrayList<>();
        for (NodeTuple t : mapping(node, "main.Config")) {
            switch (key(t)) {
                case "OrdererOrgs" -> orderers = list(t.getValueNode(), "[]main.OrgSpec", this::org);
                case "PeerOrgs" -> peers = list(t.getValueNode(), "[]main.OrgSpec", this::org);
                default -> { }
            }
        }
        return new CryptoConfig(orderers, peers);
    }

    private OrgSpec org(Node node) {
        String name = "";
        String domain = "";
        boolean nodeOUs = false;
        NodeSpec ca = NodeSpec.empty();
        NodeTemplate template = NodeTemplate.none();
        List<NodeSpec> specs = List.of();
        int users = 0;
        for (NodeTuple t : mapping(node, "main.OrgSpec")) {
            Node v = t.getValueNode();
            switch (key(t)) {
                case "Name" -> name = string(v);
                case "Domain" -> domain = string(v);
                case "EnableNodeOUs" -> nodeOUs = bool(v);
                case "CA" -> ca = nodeSpec(v);
                case "Template" -> template = template(v);
                case "Specs" -> specs = list(v, "[]main.NodeSpec", this::nodeSpec);
                case "Users" -> users = users(v);
                default -> { }
            }
        }
        return new OrgSpec(name, domain, nodeOUs, ca, template, specs, users);
    }

    private NodeSpec nodeSpec(Node node) {
        String[] f = new String[8];
        List<String> sans = List.of();
        for (NodeTuple t : mapping(node, "main.NodeSpec")) {
            Node v = t.getValueNode();
            switch (key(t)) {
                case "Hostname" -> f[0] = string(v);
                case "CommonName" -> f[1] = string(v);
                case "Country" -> f[2] = string(v);
                case "Province" -> f[3] = string(v);
                case "Locality" -> f[4] = string(v);
                case "OrganizationalUnit" -> f[5] = string(v);
                case "StreetAddress" -> f[6] = string(v);
                case "PostalCode" -> f[7] = string(v);
                case "SANS" -> sans = list(v, "[]string", this::string);
                default -> { }
            }
        }
        return new NodeSpec(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], sans);
    }

    private NodeTemplate template(Node node) {
        int count = 0;
        int start = 0;
        String hostname = "";
        List<String> sans = List.of();
        for (NodeTuple t : mapping(node, "main.NodeTemplate")) {
            Node v = t.getValueNode();
            switch (key(t)) {
                case "Count" -> count = integer(v);
                case "Start" -> start = integer(v);
                case "Hostname" -> hostname = string(v);
                case "SANS" -> sans = list(v, "[]string", this::string);
                default -> { }
            }
        }
        return new NodeTemplate(count, start, hostname, sans);
    }

    private int users(Node node) {
        int count = 0;
        for (NodeTuple t : mapping(node, "main.UsersSpec")) {
            if ("Count".equals(key(t))) {
                count = integer(t.getValueNode());
            }
        }
        return count;
    }

    // --- Go yaml decoding rules ---

    private List<NodeTuple> mapping(Node node, String goType) {
        if (node instanceof MappingNode m) {
            return m.getValue();
        }
        if (!isNull(node)) {
            mismatch(node, goType);
        }
        return List.of();
    }

    private <T> List<T> list(Node node, String goType, Function<Node, T> element) {
        List<T> out = new ArrayList<>();
        if (node instanceof SequenceNode s) {
            for (Node n : s.getValue()) {
                out.add(element.apply(n));
            }
        } else if (!isNull(node)) {
            mismatch(node, goType);
        }
        return out;
    }

    private String string(Node node) {
        if (node instanceof ScalarNode s) {
            return isNull(node) ? "" : s.getValue();
        }
        mismatch(node, "string");
        return "";
    }

    private int integer(Node node) {
        if (isNull(node)) {
            return 0;
        }
        if (node instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
            try {
                return Math.toIntExact(Long.decode(s.getValue().replace("_", "").replace("0o", "0")));
            } catch (NumberFormatException | ArithmeticException e) {
                // reported below, as Go reports an int it cannot hold
            }
        }
        mismatch(node, "int");
        return 0;
    }

    private boolean bool(Node node) {
        if (isNull(node)) {
            return false;
        }
        // YAML 1.1 booleans; Go's decoder also takes y/Y/n/N, which SnakeYAML leaves as strings
        boolean plainYesNo = node instanceof ScalarNode s && s.isPlain() && s.getValue().matches("[yYnN]");
        if (node instanceof ScalarNode s && (Tag.BOOL.equals(s.getTag()) || plainYesNo)) {
            return switch (s.getValue().toLowerCase()) {
                case "true", "yes", "on", "y" -> true;
                default -> false;
            };
        }
        mismatch(node, "bool");
        return false;
    }

    private static String key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
    }

    private static boolean isNull(Node node) {
        return Tag.NULL.equals(node.getTag());
    }

    private void mismatch(Node node, String goType) {
        int line = node.getStartMark().getLine() + 1;
        String tag = "!!" + node.getTag().getValue().replace(Tag.PREFIX, "");
        String what = node instanceof ScalarNode s ? tag + " `" + s.getValue() + "`" : tag;
        errors.add("line " + line + ": cannot unmarshal " + what + " into " + goType);
    }
}
