package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code -O/--output} of the {@code _lifecycle} queries; any value but {@code json} is Fabric's plain text. */
public final class OutputFormatOption {

    @Option(names = {"-O", "--output"}, description = "Output format: json, or plain text when not given")
    private String output = "";

    public String output() {
        return output;
    }
}
