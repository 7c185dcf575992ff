package io.weft.tools.cryptogen;

import java.util.List;

/**
 * An organization's {@code Template}: {@code count} nodes numbered from {@code start}, named by the
 * {@code hostname} template (default {@code {{.Prefix}}{{.Index}}}), each with the extra {@code sans}.
 */
public record NodeTemplate(int count, int start, String hostname, List<String> sans) {

    public NodeTemplate {
        hostname = NodeSpec.nullToEmpty(hostname);
        sans = sans == null ? List.of() : List.copyOf(sans);
    }

    /** {@code count} nodes with the default names and no extra SANs. */
    public static NodeTemplate count(int count) {
        return new NodeTemplate(count, 0, "", List.of());
    }

    /** No templated nodes. */
    public static NodeTemplate none() {
        return count(0);
    }
}
