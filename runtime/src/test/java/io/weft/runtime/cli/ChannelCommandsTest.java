package io.weft.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code peer channel join|list|getinfo} check their flags as Fabric does, before loading anything. */
class ChannelCommandsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "channel join|Error: Must supply genesis block path",
        "channel getinfo|Error: Must supply channel ID",
        "channel list mychannel other|Error: trailing args detected: [mychannel other]",
        "channel fetch latest -c mychannel|Error: fetch target illegal: latest",
        "channel fetch -1 -c mychannel|Error: fetch target illegal: -1",
        "channel signconfigtx|Error: Invalid channel create transaction : No configtx file name supplied",
        "channel update -f anchors.tx|Error: Must supply channel ID",
        "channel update -c mychannel|Error: Invalid channel create transaction : No configtx file name supplied",
        "channel create -f ch.tx|Error: must supply channel ID",
        "channel create -c ch -f ch.tx|Error: ordering service endpoint  is not valid or missing",
        "channel create -c ch -f ch.tx -o orderer:7050:1|Error: ordering service endpoint orderer:7050:1 is not valid or missing"})
    void flagErrorsComeFirst(String commandLine, String error) {
        CliRun run = CliRun.run(commandLine.split(" "));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.firstErrLine()).isEqualTo(error);
        assertThat(run.out()).isEmpty();
    }
}
