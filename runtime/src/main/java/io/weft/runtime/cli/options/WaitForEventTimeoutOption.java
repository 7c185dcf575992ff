package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code --waitForEventTimeout}; the {@code --waitForEvent} switch beside it has a different default per tree. */
public final class WaitForEventTimeoutOption {

    @Option(names = "--waitForEventTimeout", paramLabel = "<duration>", converter = GoDurationConverter.class,
            description = "How long to wait for each peer to report the transaction committed (Go duration)")
    private String waitForEventTimeout = "30s";

    public String waitForEventTimeout() {
        return waitForEventTimeout;
    }
}
