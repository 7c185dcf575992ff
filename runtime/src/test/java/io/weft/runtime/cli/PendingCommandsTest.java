package io.weft.runtime.cli;

import static io.weft.runtime.cli.CliRun.words;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Fabric command lines parse, and the commands Weft does not implement yet say so. */
class PendingCommandsTest {

    /** Typical invocations, as Fabric's samples and docs write them; the command's name, then the full line. */
    static Stream<Arguments> typicalInvocations() {
        return Stream.of(
                // peer chaincode (legacy lscc lifecycle)
                // peer channel
                typical("channel joinbysnapshot", "channel joinbysnapshot"
                        + " --snapshotpath /var/hyperledger/production/snapshots/completed/mychannel/1000"),
                typical("channel joinbysnapshotstatus", "channel joinbysnapshotstatus"),
                // peer lifecycle chaincode
                // peer snapshot
                typical("snapshot submitrequest", "snapshot submitrequest -c mychannel -b 1000 --peerAddress peer0.org1.example.com:7051"
                        + " --tlsRootCertFile tls/ca.crt"),
                typical("snapshot cancelrequest", "snapshot cancelrequest -c mychannel -b 1000 --peerAddress peer0.org1.example.com:7051"),
                typical("snapshot listpending", "snapshot listpending -c mychannel --peerAddress peer0.org1.example.com:7051"
                        + " --tlsRootCertFile tls/ca.crt"));
    }

    private static Arguments typical(String command, String commandLine) {
        return Arguments.of(command, commandLine);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("typicalInvocations")
    void typicalInvocationParsesAndIsNotAvailableYet(String command, String commandLine) {
        CliRun run = CliRun.run(words(commandLine));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: peer " + command + " is not available yet in Weft" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "{1} --no-such-flag")
    @MethodSource("typicalInvocations")
    void unknownFlagIsAnError(String command, String commandLine) {
        CliRun run = CliRun.run(append(words(commandLine), "--no-such-flag"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.firstErrLine()).startsWith("Error: ").contains("--no-such-flag");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "chaincode package -n mycc -v 1.0 -p github.com/example",
        "chaincode signpackage ccpack.out",
        "chaincode signpackage",
        "channel fetch -c mychannel"})
    void missingRequiredArgumentIsAnError(String commandLine) {
        CliRun run = CliRun.run(words(commandLine));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.firstErrLine()).startsWith("Error: Missing required parameter");
    }

    @Test
    void lifecycleVerbsCheckTheirFlagsBeforeContactingThePeer() {
        assertThat(CliRun.run(words("lifecycle chaincode install --peerAddresses localhost:7051")).firstErrLine())
                .isEqualTo("Error: chaincode install package must be provided");
        assertThat(CliRun.run(words("lifecycle chaincode getinstalledpackage")).firstErrLine())
                .isEqualTo("Error: The required parameter 'package-id' is empty. Rerun the command with --package-id flag");
        assertThat(CliRun.run(words("lifecycle chaincode querycommitted --name basic")).firstErrLine())
                .isEqualTo("Error: channel name must be specified");
        assertThat(CliRun.run(words("lifecycle chaincode checkcommitreadiness -C mychannel -n basic --sequence 1"))
                .firstErrLine()).isEqualTo("Error: The required parameter 'version' is empty. Rerun the command with -v flag");
        assertThat(CliRun.run(words("lifecycle chaincode approveformyorg -C mychannel -n basic -v 1.0")).firstErrLine())
                .isEqualTo("Error: The required parameter 'sequence' is empty. Rerun the command with --sequence flag");
        assertThat(CliRun.run(words("lifecycle chaincode commit -C mychannel -v 1.0 --sequence 1")).firstErrLine())
                .isEqualTo("Error: The required parameter 'name' is empty. Rerun the command with -n flag");
        assertThat(CliRun.run(words("lifecycle chaincode approveformyorg -C mychannel -n basic -v 1.0 --sequence 1"
                + " --signature-policy OR('Org1MSP.peer') --channel-config-policy /Channel/Application/Endorsement"))
                .firstErrLine()).isEqualTo("Error: cannot specify both \"--signature-policy\" and "
                        + "\"--channel-config-policy\"");
        assertThat(CliRun.run(words("lifecycle chaincode queryapproved -C mychannel --sequence 2")).firstErrLine())
                .isEqualTo("Error: Specifying parameter 'sequence' is invalid without parameter 'name'. Rerun the command "
                        + "with -n flag");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "chaincode package ccpack.out extra.out",
        "channel fetch newest block.pb extra",
        "channel list mychannel",
        "channel joinbysnapshotstatus now",
        "lifecycle chaincode calculatepackageid a.tar.gz b.tar.gz"})
    void surplusArgumentIsAnError(String commandLine) {
        CliRun run = CliRun.run(words(commandLine));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.firstErrLine()).startsWith("Error: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chaincode", "channel", "lifecycle", "lifecycle chaincode", "snapshot", "chaincode -o orderer:7050 --tls"})
    void groupWithoutVerbPrintsItsUsage(String commandLine) {
        CliRun run = CliRun.run(words(commandLine));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: peer ");
        assertThat(run.err()).isEmpty();
    }

    private static String[] append(String[] args, String extra) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }
}
