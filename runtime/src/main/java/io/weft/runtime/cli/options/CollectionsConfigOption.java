package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code --collections-config}. */
public final class CollectionsConfigOption {

    @Option(names = "--collections-config", paramLabel = "<file>", description = "JSON file of the private data collections")
    private String collectionsConfig = "";

    public String collectionsConfig() {
        return collectionsConfig;
    }
}
