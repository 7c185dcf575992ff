package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code -n/--name}. */
public final class ChaincodeNameOption {

    @Option(names = {"-n", "--name"}, description = "Chaincode name")
    private String name = "";

    public String name() {
        return name;
    }
}
