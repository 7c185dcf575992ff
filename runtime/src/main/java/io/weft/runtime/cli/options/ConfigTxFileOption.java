package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code -f/--file} of {@code peer channel create}, {@code update} and {@code signconfigtx}. */
public final class ConfigTxFileOption {

    @Option(names = {"-f", "--file"}, description = "Config transaction file, e.g. one written by configtxgen")
    private String file = "";

    public String file() {
        return file;
    }
}
