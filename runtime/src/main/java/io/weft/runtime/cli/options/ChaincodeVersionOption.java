package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code -v/--version}. */
public final class ChaincodeVersionOption {

    @Option(names = {"-v", "--version"}, description = "Chaincode version")
    private String version = "";

    public String version() {
        return version;
    }
}
