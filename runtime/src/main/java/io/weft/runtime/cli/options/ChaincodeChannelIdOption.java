package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code -C/--channelID}, the upper-case shorthand of {@code peer chaincode} and {@code peer lifecycle chaincode}. */
public final class ChaincodeChannelIdOption {

    @Option(names = {"-C", "--channelID"}, description = "The channel to work on")
    private String channelId = "";

    public String channelId() {
        return channelId;
    }
}
