package io.weft.runtime.cli;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.weft.runtime.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command tree carries exactly the flags Fabric 2.5's {@code peer} attaches to each command
 * ({@code internal/peer/.../*.go} flag lists), with Fabric's defaults.
 */
class FabricFlagsTest {

    private static final Set<String> ROOT_FLAGS = Set.of("-h", "--help", "--logging-level");
    private static final String ORDERER = " -o --orderer --tls --clientauth --cafile --keyfile --certfile"
            + " --ordererTLSHostnameOverride --connTimeout --tlsHandshakeTimeShift";
    private static final String CHAINCODE = ORDERER + " --transient";
    private static final String PEERS = " --peerAddresses --tlsRootCertFiles --connectionProfile";
    private static final String DEFINITION = " -C --channelID -n --name -v --version --sequence -E --endorsement-plugin"
            + " -V --validation-plugin --signature-policy --channel-config-policy --init-required --collections-config";

    static Stream<Arguments> fabricFlags() {
        return Stream.of(
                Arguments.of("chaincode install", CHAINCODE + " -l --lang -c --ctor -p --path -n --name -v --version" + PEERS),
                Arguments.of("chaincode instantiate", CHAINCODE + " -l --lang -c --ctor -n --name -C --channelID -v --version"
                        + " -P --policy -E --escc -V --vscc --collections-config" + PEERS),
                Arguments.of("chaincode invoke", CHAINCODE + " -n --name -c --ctor -I --isInit -C --channelID" + PEERS
                        + " --waitForEvent --waitForEventTimeout"),
                Arguments.of("chaincode package", CHAINCODE + " -l --lang -p --path -c --ctor -n --name -v --version"
                        + " -s --cc-package -S --sign -i --instantiate-policy"),
                Arguments.of("chaincode query", CHAINCODE + " -c --ctor -n --name -C --channelID" + PEERS + " -r --raw -x --hex"),
                Arguments.of("chaincode signpackage", CHAINCODE),
                Arguments.of("chaincode upgrade", CHAINCODE + " -l --lang -c --ctor -p --path -n --name -C --channelID -v --version"
                        + " -P --policy -E --escc -V --vscc" + PEERS + " --collections-config"),
                Arguments.of("chaincode list", CHAINCODE + " -C --channelID --installed --instantiated" + PEERS),
                Arguments.of("channel create", ORDERER + " -c --channelID -f --file --outputBlock -t --timeout"),
                Arguments.of("channel fetch", ORDERER + " -c --channelID --bestEffort"),
                Arguments.of("channel join", ORDERER + " -b --blockpath"),
                Arguments.of("channel joinbysnapshot", ORDERER + " --snapshotpath"),
                Arguments.of("channel joinbysnapshotstatus", ORDERER),
                Arguments.of("channel list", ORDERER),
                Arguments.of("channel update", ORDERER + " -c --channelID -f --file"),
                Arguments.of("channel signconfigtx", ORDERER + " -f --file"),
                Arguments.of("channel getinfo", ORDERER + " -c --channelID"),
                Arguments.of("lifecycle chaincode package", ORDERER + " --label -l --lang -p --path" + PEERS),
                Arguments.of("lifecycle chaincode install", ORDERER + PEERS + " --targetPeer"),
                Arguments.of("lifecycle chaincode queryinstalled", ORDERER + PEERS + " --targetPeer -O --output"),
                Arguments.of("lifecycle chaincode getinstalledpackage", ORDERER + PEERS + " --targetPeer --package-id --output-directory"),
                Arguments.of("lifecycle chaincode calculatepackageid", ORDERER + PEERS + " -O --output"),
                Arguments.of("lifecycle chaincode approveformyorg", ORDERER + DEFINITION + " --package-id" + PEERS
                        + " --waitForEvent --waitForEventTimeout"),
                Arguments.of("lifecycle chaincode queryapproved", ORDERER + " -C --channelID -n --name --sequence" + PEERS + " -O --output"),
                Arguments.of("lifecycle chaincode checkcommitreadiness", ORDERER + DEFINITION + PEERS + " -O --output"),
                Arguments.of("lifecycle chaincode commit", ORDERER + DEFINITION + PEERS + " --waitForEvent --waitForEventTimeout"),
                Arguments.of("lifecycle chaincode querycommitted", ORDERER + " -C --channelID -n --name" + PEERS + " -O --output"),
                Arguments.of("snapshot submitrequest", "-c --channelID -b --blockNumber --peerAddress --tlsRootCertFile"),
                Arguments.of("snapshot cancelrequest", "-c --channelID -b --blockNumber --peerAddress --tlsRootCertFile"),
                Arguments.of("snapshot listpending", "-c --channelID --peerAddress --tlsRootCertFile"),
                Arguments.of("node reset", ""),
                Arguments.of("node rollback", "-c --channelID -b --blockNumber"),
                Arguments.of("node rebuild-dbs", ""),
                Arguments.of("node upgrade-dbs", ""),
                Arguments.of("node pause", "-c --channelID"),
                Arguments.of("node resume", "-c --channelID"),
                Arguments.of("node unjoin", "-c --channelID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fabricFlags")
    void leafCarriesExactlyFabricsFlags(String command, String flags) {
        Set<String> names = command(command).getCommandSpec().options().stream()
                .flatMap(o -> Arrays.stream(o.names()))
                .filter(n -> !ROOT_FLAGS.contains(n))
                .collect(toSet());

        assertThat(names).containsExactlyInAnyOrderElementsOf(words(flags));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "chaincode           | install instantiate invoke package query signpackage upgrade list",
        "channel             | create fetch join joinbysnapshot joinbysnapshotstatus list update signconfigtx getinfo",
        "lifecycle           | chaincode",
        "lifecycle chaincode | package calculatepackageid install queryinstalled getinstalledpackage approveformyorg"
            + " queryapproved checkcommitreadiness commit querycommitted",
        "snapshot            | submitrequest cancelrequest listpending",
        "node                | start status reset rollback rebuild-dbs upgrade-dbs pause resume unjoin"})
    void groupHasFabricsVerbs(String group, String verbs) {
        assertThat(command(group).getSubcommands().keySet()).containsExactlyInAnyOrderElementsOf(words(verbs));
    }

    /** Fabric's persistent flags: declared once on the group, valid on every verb below it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "chaincode invoke              | " + CHAINCODE,
        "chaincode signpackage         | " + CHAINCODE,
        "channel list                  | " + ORDERER,
        "lifecycle chaincode install   | " + ORDERER,
        "snapshot listpending          | ''",
        "node pause                    | ''"})
    void persistentFlagsAreInheritedFromTheGroup(String command, String persistent) {
        Set<String> inherited = command(command).getCommandSpec().options().stream()
                .filter(OptionSpec::inherited)
                .flatMap(o -> Arrays.stream(o.names()))
                .filter(n -> !ROOT_FLAGS.contains(n))
                .collect(toSet());

        assertThat(inherited).containsExactlyInAnyOrderElementsOf(words(persistent));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "chaincode invoke                   | --orderer               | ''",
        "chaincode invoke                   | --tls                   | false",
        "chaincode invoke                   | --connTimeout           | 3s",
        "chaincode invoke                   | --tlsHandshakeTimeShift | 0s",
        "chaincode invoke                   | --transient             | ''",
        "chaincode invoke                   | --ctor                  | {}",
        "chaincode invoke                   | --waitForEvent          | false",
        "chaincode invoke                   | --waitForEventTimeout   | 30s",
        "chaincode invoke                   | --isInit                | false",
        "chaincode invoke                   | --peerAddresses         | []",
        "chaincode install                  | --lang                  | golang",
        "chaincode package                  | --instantiate-policy    | ''",
        "channel create                     | --timeout               | 10s",
        "channel create                     | --outputBlock           | ''",
        "channel fetch                      | --bestEffort            | false",
        "lifecycle chaincode package        | --lang                  | golang",
        "lifecycle chaincode approveformyorg| --waitForEvent          | true",
        "lifecycle chaincode commit         | --waitForEvent          | true",
        "lifecycle chaincode commit         | --waitForEventTimeout   | 30s",
        "lifecycle chaincode commit         | --sequence              | 0",
        "lifecycle chaincode commit         | --init-required         | false",
        "lifecycle chaincode queryinstalled | --output                | ''",
        "snapshot submitrequest             | --blockNumber           | 0",
        "node rollback                      | --blockNumber           | 0"})
    void defaultsAreFabrics(String command, String option, String expected) {
        Object value = command(command).getCommandSpec().findOption(option).getValue();

        assertThat(String.valueOf(value)).isEqualTo(expected);
    }

    private static CommandLine command(String path) {
        CommandLine cli = Main.commandLine(new CliContext(Map.of(), Path.of("."),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())), "");
        for (String word : path.trim().split(" +")) {
            cli = cli.getSubcommands().get(word);
        }
        return cli;
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.trim().split(" +")).filter(w -> !w.isEmpty()).collect(toSet());
    }
}
