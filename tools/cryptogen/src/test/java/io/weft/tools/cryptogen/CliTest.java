package io.weft.tools.cryptogen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.weft.bccsp.Bccsp;
import io.weft.bccsp.SwOptions;
import io.weft.msp.Identity;
import io.weft.msp.LocalMsp;
import io.weft.msp.LocalMspSettings;
import io.weft.msp.Msp;
import io.weft.msp.Msps;

import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: commands, flags and the one-line errors with exit code 1. */
class CliTest {

    @TempDir
    Path tmp;

    @Test
    void showtemplateOutputParsesAndGenerates() throws Exception {
        Cli shown = Cli.run("showtemplate");
        assertThat(shown.code()).isZero();
        assertThat(shown.out()).isEqualTo(DefaultTemplate.TEXT);
        Path yaml = tmp.resolve("template.yaml");
        Files.writeString(yaml, shown.out());
        assertThat(CryptoConfig.load(yaml)).isEqualTo(CryptoConfig.defaultConfig());

        Path out = tmp.resolve("out");
        Cli gen = Cli.run("generate", "--config", yaml.toString(), "--output=" + out);
        assertThat(gen.err()).isEmpty();
        assertThat(gen.code()).isZero();
        assertThat(gen.out()).isEqualTo("org1.example.com\norg2.example.com\n");
        assertThat(out.resolve("ordererOrganizations/example.com/orderers/orderer.example.com/tls/server.crt")).isRegularFile();
    }

    @Test
    void withoutNodeOusAdminsAreListedInAdmincerts() throws Exception {
        Path out = tmp.resolve("crypto-config");
        assertThat(Cli.run("generate", "--output", out.toString()).code()).isZero();
        Path org1 = out.resolve("peerOrganizations/org1.example.com");
        Path adminCert = org1.resolve("users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem");
        for (String dir : new String[] {"msp", "peers/peer0.org1.example.com/msp", "users/Admin@org1.example.com/msp"}) {
            Path admincerts = org1.resolve(dir).resolve("admincerts");
            assertThat(Files.list(admincerts).toList()).as(dir).singleElement()
                    .satisfies(p -> assertThat(p).hasSameBinaryContentAs(adminCert));
            assertThat(org1.resolve(dir).resolve("config.yaml")).doesNotExist();
        }
        Path user1 = org1.resolve("users/User1@org1.example.com/msp");
        assertThat(user1.resolve("admincerts/User1@org1.example.com-cert.pem"))
                .hasSameBinaryContentAs(user1.resolve("signcerts/User1@org1.example.com-cert.pem"));
        assertThat(out.resolve("ordererOrganizations/example.com/msp/admincerts/Admin@example.com-cert.pem"))
                .isRegularFile();

        // Fabric's MSP takes the admincerts entry for an admin, and User1 for a plain member
        Bccsp bccsp = Bccsp.software(SwOptions.defaults());
        Msp msp = Msps.loadVerifying(org1.resolve("msp"), "Org1MSP", bccsp);
        LocalMsp admin = Msps.loadLocal(LocalMspSettings.of(adminCert.getParent().getParent(), "Org1MSP"));
        Identity id = msp.deserializeIdentity(admin.signingIdentity().serialize().toByteArray());
        id.validate();
        msp.satisfiesRole(id, MSPRoleType.ADMIN);
        LocalMsp peer = Msps.loadLocal(LocalMspSettings.of(org1.resolve("peers/peer0.org1.example.com/msp"), "Org1MSP"));
        msp.deserializeIdentity(peer.signingIdentity().serialize().toByteArray()).validate();
    }

    @Test
    void versionNamesWeft() {
        Cli v = Cli.run("version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("cryptogen:\n Version: 0.1.0").contains("\n Commit SHA: ").contains("\n OS/Arch: ");
    }

    @Test
    void unknownCommandIsOneLine() {
        Cli c = Cli.run("frobnicate");
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err()).isEqualTo("cryptogen: error: expected command but got \"frobnicate\", try --help\n");
    }

    @Test
    void noCommand() {
        Cli c = Cli.run();
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err()).isEqualTo("cryptogen: error: command not specified, try --help\n");
    }

    @Test
    void badFlags() {
        Cli c = Cli.run("generate", "--bogus=1");
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err()).isEqualTo("cryptogen: error: unknown long flag '--bogus', try --help\n");
        Cli m = Cli.run("generate", "--config");
        assertThat(m.code()).isEqualTo(1);
        assertThat(m.err()).isEqualTo("cryptogen: error: expected argument for flag '--config', try --help\n");
    }

    @Test
    void missingConfigFile() {
        Path missing = tmp.resolve("none.yaml");
        Cli c = Cli.run("generate", "--config", missing.toString(), "--output", tmp.resolve("out").toString());
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err()).isEqualTo("cryptogen: error: open " + missing + ": no such file or directory, try --help\n");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void badYamlIsOneLineAndGeneratesNothing() throws Exception {
        Path yaml = tmp.resolve("bad.yaml");
        Files.writeString(yaml, "PeerOrgs:\n  - Name: Org1\n    Template: {Count: [1]\n");
        Cli c = Cli.run("generate", "--config", yaml.toString(), "--output", tmp.resolve("out").toString());
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err()).startsWith("Error reading config: Error Unmarshalling YAML: yaml: line ").endsWith("\n")
                .hasLineCount(1);
        assertThat(tmp.resolve("out")).doesNotExist();

        Files.writeString(yaml, "PeerOrgs:\n  - Domain: a.com\n    Users: {Count: two}\n");
        Cli t = Cli.run("extend", "--config", yaml.toString(), "--input", tmp.resolve("out").toString());
        assertThat(t.code()).isEqualTo(1);
        assertThat(t.err()).isEqualTo("Error reading config: Error Unmarshalling YAML: yaml: unmarshal errors: "
                + "line 3: cannot unmarshal !!str `two` into int\n");
    }

    @Test
    void badTemplateIsOneLine() throws Exception {
        Path yaml = tmp.resolve("t.yaml");
        Files.writeString(yaml, "PeerOrgs:\n  - Domain: a.com\n    Template: {Count: 1, Hostname: \"{{.Nope}}\"}\n");
        Cli c = Cli.run("generate", "--config", yaml.toString(), "--output", tmp.resolve("out").toString());
        assertThat(c.code()).isEqualTo(1);
        assertThat(c.err()).isEqualTo("Error processing peer configuration: Error executing template: template: "
                + "parse:1:2: executing \"parse\" at <.Nope>: can't evaluate field Nope in type main.HostnameData\n");
    }
}
