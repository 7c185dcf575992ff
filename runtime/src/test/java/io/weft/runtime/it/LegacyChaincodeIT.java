package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The legacy chaincode lifecycle end to end on a channel whose application capability is V1_4_2 (configtxgen's
 * {@code TwoOrgsChannel14} profile, created through the orderer's 1.4 system channel): a Java chaincode installed
 * with {@code peer chaincode install}, instantiated, invoked and queried, then upgraded — the peer launching each
 * version from its deployment spec through the distribution's Java builder.
 */
class LegacyChaincodeIT {

    private static final String CHANNEL = SystemChannelNetwork.LEGACY_CHANNEL;

    @TempDir
    Path work;

    @Test
    void aJavaChaincodeIsInstalledInstantiatedInvokedAndUpgraded() throws Exception {
        // the Java builder runs the chaincode
        UnaryOperator<String> javaBuilder = yaml -> yaml.replace("name: ccaas_builder", "name: weft-java")
                .replace("path: /opt/hyperledger/ccaas_builder", "path: " + Dist.HOME.resolve("builders/java"));
        try (SystemChannelNetwork network = new SystemChannelNetwork(work, Map.of("chaincode.startuptimeout", "120s"),
                javaBuilder)) {
            Map<String, String> admin = network.admin;
            String orderer = network.orderer;
            PeerCli.Result create = network.createLegacyChannel();
            assertThat(create.exitCode()).as("%s", create).isZero();
            PeerCli.Result join = PeerCli.run(admin, work, "channel", "join", "-b", CHANNEL + ".block");
            assertThat(join.exitCode()).as("%s", join).isZero();

            KvChaincodeJar.write(work.resolve("kv"));
            PeerCli.Result install = PeerCli.run(admin, work, "chaincode", "install", "-n", "kv", "-v", "1.0",
                    "-p", "kv", "-l", "java");
            assertThat(install.exitCode()).as("%s", install).isZero();
            assertThat(install.err()).contains("Installed remotely: response:<status:200 payload:\"OK\" >");
            PeerCli.Result installed = PeerCli.run(admin, work, "chaincode", "list", "--installed");
            assertThat(installed.out()).as("%s", installed).contains("Name: kv, Version: 1.0, Path: kv");

            PeerCli.Result instantiate = PeerCli.run(admin, work, "chaincode", "instantiate", "-o", orderer,
                    "-C", CHANNEL, "-n", "kv", "-v", "1.0", "-l", "java", "-c", "{\"Args\":[\"init\"]}",
                    "-P", "OR('Org1MSP.member','Org2MSP.member')");
            assertThat(instantiate.exitCode()).as("%s", instantiate).isZero();
            awaitInstantiated(admin, "Name: kv, Version: 1.0");

            PeerCli.Result invoke = PeerCli.run(admin, work, "chaincode", "invoke", "-o", orderer, "-C", CHANNEL,
                    "-n", "kv", "-c", "{\"Args\":[\"put\",\"colour\",\"blue\"]}", "--waitForEvent");
            assertThat(invoke.exitCode()).as("%s", invoke).isZero();
            assertThat(invoke.err()).contains("committed with status (VALID)")
                    .contains("Chaincode invoke successful. result: status:200 message:\"stored colour\"");
            PeerCli.Result query = PeerCli.run(admin, work, "chaincode", "query", "-C", CHANNEL, "-n", "kv",
                    "-c", "{\"Args\":[\"get\",\"colour\"]}");
            assertThat(query.out()).as("%s", query).isEqualTo("blue\n");

            // version 2.0: a new package, the upgrade, and the chaincode still serving the state of 1.0
            PeerCli.Result install2 = PeerCli.run(admin, work, "chaincode", "install", "-n", "kv", "-v", "2.0",
                    "-p", "kv", "-l", "java");
            assertThat(install2.exitCode()).as("%s", install2).isZero();
            PeerCli.Result upgrade = PeerCli.run(admin, work, "chaincode", "upgrade", "-o", orderer, "-C", CHANNEL,
                    "-n", "kv", "-v", "2.0", "-p", "kv", "-l", "java", "-c", "{\"Args\":[\"init\"]}",
                    "-P", "OR('Org1MSP.member')");
            assertThat(upgrade.exitCode()).as("%s", upgrade).isZero();
            awaitInstantiated(admin, "Name: kv, Version: 2.0");
            PeerCli.Result again = PeerCli.run(admin, work, "chaincode", "query", "-C", CHANNEL, "-n", "kv",
                    "-c", "{\"Args\":[\"get\",\"colour\"]}");
            assertThat(again.out()).as("%s", again).isEqualTo("blue\n");

            PeerCli.Result sameVersion = PeerCli.run(admin, work, "chaincode", "upgrade", "-o", orderer, "-C",
                    CHANNEL, "-n", "kv", "-v", "2.0", "-c", "{\"Args\":[\"init\"]}");
            assertThat(sameVersion.exitCode()).isEqualTo(1);
            assertThat(sameVersion.err()).contains("version already exists for chaincode with name 'kv'");
        }
    }

    /** Polls {@code peer chaincode list --instantiated} (the deploy is ordered, then pulled by the peer). */
    private void awaitInstantiated(Map<String, String> env, String line) throws InterruptedException {
        PeerCli.Result list = SystemChannelNetwork.retry(() -> PeerCli.run(env, work, "chaincode", "list", "--instantiated", "-C", CHANNEL),
                r -> r.out().contains(line));
        assertThat(list.out()).as("%s", list).contains(line);
    }
}
