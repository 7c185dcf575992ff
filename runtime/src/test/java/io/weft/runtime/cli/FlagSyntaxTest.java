package io.weft.runtime.cli;

import static io.weft.runtime.cli.CliRun.words;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.weft.runtime.Main;
import io.weft.runtime.cli.chaincode.ChaincodeCommand;
import io.weft.runtime.cli.lifecycle.LifecycleChaincodeCommand;
import picocli.CommandLine.ParseResult;

/** Flag values are read the way cobra/pflag read them in Fabric's {@code peer}. */
class FlagSyntaxTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "chaincode -o orderer:7050 --tls invoke -n mycc                | orderer:7050 | true",
        "chaincode invoke -n mycc -o orderer:7050 --tls                | orderer:7050 | true",
        "chaincode invoke --orderer=orderer:7050 --tls=false           | orderer:7050 | false",
        "chaincode invoke --tls true -o orderer:7050                   | orderer:7050 | true",
        "chaincode invoke --tls=1 -oorderer:7050                       | orderer:7050 | true",
        "chaincode invoke --tls=F -o=orderer:7050                      | orderer:7050 | false"})
    void persistentOrdererFlagsWorkBeforeAndAfterTheVerb(String commandLine, String orderer, boolean tls) {
        ParseResult parsed = parse(commandLine);
        ChaincodeCommand chaincode = (ChaincodeCommand) parsed.subcommand().commandSpec().userObject();

        assertThat(chaincode.orderer().orderer()).isEqualTo(orderer);
        assertThat(chaincode.orderer().tls()).isEqualTo(tls);
    }

    @Test
    void lifecycleChaincodeOrdererFlagsReachItsGroup() {
        ParseResult parsed = parse("lifecycle chaincode commit -C mychannel --clientauth --keyfile k.pem --certfile c.pem"
                + " --connTimeout 10s --tlsHandshakeTimeShift 1h30m --ordererTLSHostnameOverride orderer.example.com");
        LifecycleChaincodeCommand group = (LifecycleChaincodeCommand) parsed.subcommand().subcommand().commandSpec().userObject();

        assertThat(group.orderer().clientAuth()).isTrue();
        assertThat(group.orderer().keyFile()).isEqualTo("k.pem");
        assertThat(group.orderer().certFile()).isEqualTo("c.pem");
        assertThat(group.orderer().connTimeout()).isEqualTo("10s");
        assertThat(group.orderer().tlsHandshakeTimeShift()).isEqualTo("1h30m");
        assertThat(group.orderer().tlsHostnameOverride()).isEqualTo("orderer.example.com");
    }

    @Test
    void repeatedPeerFlagsKeepEveryValueUnsplit() {
        ParseResult leaf = parse("chaincode invoke --peerAddresses a:7051 --tlsRootCertFiles a.pem"
                + " --peerAddresses b:9051,c:11051 --tlsRootCertFiles b.pem").subcommand().subcommand();

        assertThat(leaf.matchedOptionValue("--peerAddresses", List.of())).containsExactly("a:7051", "b:9051,c:11051");
        assertThat(leaf.matchedOptionValue("--tlsRootCertFiles", List.of())).containsExactly("a.pem", "b.pem");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "lifecycle chaincode commit --sequence 3     | --sequence    | 3",
        "lifecycle chaincode commit --sequence 0x10  | --sequence    | 16",
        "lifecycle chaincode commit --sequence=-1    | --sequence    | -1",
        "node rollback -c ch -b 010                  | --blockNumber | 8",
        "node rollback -c ch -b 1_000                | --blockNumber | 1000",
        "snapshot submitrequest -c ch -b0b11         | --blockNumber | 3"})
    void integersAreGoLiterals(String commandLine, String option, long expected) {
        ParseResult leaf = parse(commandLine);
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }

        assertThat(leaf.<Long>matchedOptionValue(option, null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "chaincode invoke --connTimeout 3",
        "chaincode invoke --waitForEventTimeout soon",
        "channel create -c ch -t 10x",
        "chaincode invoke --tls=yes",
        "chaincode invoke --waitForEvent=maybe",
        "lifecycle chaincode commit --sequence one",
        "node rollback -c ch -b -1",
        "snapshot cancelrequest -c ch -b 18446744073709551616",
        "chaincode invoke -o",
        "lifecycle -o orderer:7050 chaincode queryinstalled",
        "snapshot submitrequest -c ch -o orderer:7050",
        "node pause -c ch --tls",
        "channel join -C mychannel"})
    void badValuesAndMisplacedFlagsAreErrors(String commandLine) {
        CliRun run = CliRun.run(words(commandLine));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.firstErrLine()).startsWith("Error: ").doesNotContain("not available yet");
    }

    @Test
    void durationErrorNamesGosReason() {
        CliRun run = CliRun.run(words("chaincode invoke --connTimeout 3"));

        assertThat(run.firstErrLine()).contains("--connTimeout").contains("time: invalid duration \"3\"");
    }

    private static ParseResult parse(String commandLine) {
        return Main.commandLine(new CliContext(Map.of(), Path.of("."), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())), "").parseArgs(words(commandLine));
    }
}
