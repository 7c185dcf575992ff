package io.weft.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code peer chaincode query|list} check their flags and {@code -c} as Fabric does, before contacting a peer. */
class ChaincodeCommandsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "chaincode query -n mycc -c {\"Args\":[\"get\"]}|Error: The required parameter 'channelID' is empty. Rerun the command with -C flag",
        "chaincode query -C mychannel -c {\"Args\":[\"get\"]}|Error: must supply value for chaincode name parameter",
        "chaincode query -C mychannel -n mycc|Error: empty JSON chaincode parameters must contain the following keys: 'Args' or 'Function' and 'Args'",
        "chaincode query -C mychannel -n mycc -c {\"args\":[\"a\"],\"x\":1}|Error: non-empty JSON chaincode parameters must contain the following keys: 'Args' or 'Function' and 'Args'",
        "chaincode query -C mychannel -n mycc -c {\"Function\":\"f\"}|Error: non-empty JSON chaincode parameters must contain the following keys: 'Args' or 'Function' and 'Args'",
        "chaincode query -C mychannel -n mycc -c {\"Args\":[1]}|Error: chaincode argument error: json: cannot unmarshal number into Go struct field .Args of type string",
        "chaincode query -C mychannel -n mycc -c [1]|Error: chaincode argument error: json: cannot unmarshal array into Go value of type map[string]interface {}",
        "chaincode list|Error: must explicitly specify \"--installed\" or \"--instantiated\"",
        "chaincode list --installed --instantiated -C mychannel|Error: must explicitly specify \"--installed\" or \"--instantiated\"",
        "chaincode list --instantiated|Error: The required parameter 'channelID' is empty. Rerun the command with -C flag",
        "chaincode query -C mychannel -n mycc -c {\"Args\":[]} --no-such-flag|Error: unknown flag: --no-such-flag",
        "chaincode install|Error: must supply value for chaincode name, path and version parameters",
        "chaincode install -n mycc -p cc|Error: must supply value for chaincode name, path and version parameters",
        "chaincode install no-such.pak|Error: open no-such.pak: no such file or directory",
        "chaincode install -n mycc -v 1.0 -p cc -l cobol|Error: error getting chaincode deployment spec for mycc: Unknown chaincodeType: UNDEFINED",
        "chaincode instantiate -n mycc -v 1.0 -c {\"Args\":[]}|Error: The required parameter 'channelID' is empty. Rerun the command with -C flag",
        "chaincode instantiate -C mychannel -v 1.0 -c {\"Args\":[]}|Error: must supply value for chaincode name parameter",
        "chaincode instantiate -C mychannel -n mycc -c {\"Args\":[]}|Error: chaincode version is not provided for instantiate",
        "chaincode instantiate -C mychannel -n mycc -v 1.0|Error: empty JSON chaincode parameters must contain the following keys: 'Args' or 'Function' and 'Args'",
        "chaincode instantiate -C mychannel -n mycc -v 1.0 -c {\"Args\":[]} -P AND(|Error: invalid policy AND(",
        "chaincode upgrade -C mychannel -n mycc -c {\"Args\":[]}|Error: chaincode version is not provided for upgrade",
        "chaincode upgrade -C mychannel -n mycc -v 2.0 -c {\"Args\":[]} --collections-config no-such.json|Error: invalid collection configuration in file no-such.json: could not read file 'no-such.json': ./no-such.json"})
    void flagErrorsComeFirst(String commandLine, String error) {
        CliRun run = CliRun.run(commandLine.split(" "));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.firstErrLine()).isEqualTo(error);
        assertThat(run.out()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theInheritedTransientFlagIsReadAsGoReadsMapOfBytes() {
        CliRun run = CliRun.run("chaincode", "query", "-C", "mychannel", "-n", "mycc", "-c", "{\"Args\":[\"a\"]}",
                "--transient", "{\"k\":\"%%%\"}");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.firstErrLine()).startsWith("Error: error parsing transient string: ")
                .endsWith(" - proposal response: <nil>");
    }
}
