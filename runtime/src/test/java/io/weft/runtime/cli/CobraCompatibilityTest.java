package io.weft.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Errors and outputs worded as Fabric's cobra-based {@code peer}, which scripts parse. */
class CobraCompatibilityTest {

    @Test
    void versionKeepsFabricsLayout() {
        CliRun r = CliRun.run("version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("peer:\n Version: ").contains("\n Commit SHA: ").contains("\n Go version: ")
                .contains("\n OS/Arch: ").contains("\n Chaincode:\n  Base Docker Label: org.hyperledger.fabric\n")
                .endsWith("  Docker Namespace: hyperledger\n\n");
        assertThat(CliRun.run("version", "extra").firstErrLine()).isEqualTo("Error: trailing args detected");
    }

    @Test
    void unknownCommandAndFlagsAreWordedAsCobra() {
        CliRun unknown = CliRun.run("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("Error: unknown command \"frobnicate\" for \"peer\"\nRun 'peer --help' for usage.\n");

        assertThat(CliRun.run("node", "reset", "--frob").firstErrLine()).isEqualTo("Error: unknown flag: --frob");
        assertThat(CliRun.run("channel", "list", "-z").firstErrLine()).isEqualTo("Error: unknown shorthand flag: 'z' in -z");
        assertThat(CliRun.run("channel", "fetch", "newest", "-o").firstErrLine()).isEqualTo("Error: flag needs an argument: --orderer");
    }

    @Test
    void anUnknownVerbUnderAGroupPrintsItsHelpAndSucceeds() {
        CliRun r = CliRun.run("chaincode", "frobnicate");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: peer chaincode");
    }

    @Test
    void theLastValueOfARepeatedFlagWins() {
        // were the first -C kept, the command would go on to contact a peer
        CliRun r = CliRun.run("lifecycle", "chaincode", "querycommitted", "-C", "a", "-C", "", "-n", "x");
        assertThat(r.firstErrLine()).isEqualTo("Error: channel name must be specified");
    }

    @Test
    void invalidFlagValuesNameTheFlag() {
        assertThat(CliRun.run("lifecycle", "chaincode", "queryapproved", "-C", "c", "-n", "n", "--sequence", "one").firstErrLine())
                .startsWith("Error: invalid argument \"one\" for \"--sequence\" flag: ");
    }
}
