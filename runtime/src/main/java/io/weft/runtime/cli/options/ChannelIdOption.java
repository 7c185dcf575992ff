package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code -c/--channelID}, the lower-case shorthand of {@code peer channel}, {@code peer snapshot} and {@code peer node}. */
public final class ChannelIdOption {

    @Option(names = {"-c", "--channelID"}, description = "The channel to work on")
    private String channelId = "";

    public String channelId() {
        return channelId;
    }
}
