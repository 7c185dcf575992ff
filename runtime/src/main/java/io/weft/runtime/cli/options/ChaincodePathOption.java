package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code -p/--path}. */
public final class ChaincodePathOption {

    @Option(names = {"-p", "--path"}, description = "Path to the chaincode source")
    private String path = "";

    public String path() {
        return path;
    }
}
