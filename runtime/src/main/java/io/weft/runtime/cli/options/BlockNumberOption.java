package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code -b/--blockNumber}, a Go {@code uint64}. */
public final class BlockNumberOption {

    @Option(names = {"-b", "--blockNumber"}, converter = GoIntConverters.Uint64.class,
            description = "Block number the command applies to")
    private long blockNumber;

    /** Unsigned: read with {@link Long#toUnsignedString(long)} and friends. */
    public long blockNumber() {
        return blockNumber;
    }
}
