package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code --package-id}. */
public final class PackageIdOption {

    @Option(names = "--package-id", description = "Installed chaincode package identifier, <label>:<hash>")
    private String packageId = "";

    public String packageId() {
        return packageId;
    }
}
