package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code --sequence}, a Go {@code int}. */
public final class SequenceOption {

    @Option(names = "--sequence", converter = GoIntConverters.Int64.class,
            description = "Sequence number of the chaincode definition on the channel")
    private long sequence;

    public long sequence() {
        return sequence;
    }
}
