package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code -l/--lang}: Fabric upper-cases it into the chaincode type. */
public final class ChaincodeLangOption {

    @Option(names = {"-l", "--lang"}, description = "Chaincode language: golang, node or java")
    private String lang = "golang";

    public String lang() {
        return lang;
    }
}
