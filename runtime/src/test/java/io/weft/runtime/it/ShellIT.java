package io.weft.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gogo shell: remote over SSH with public-key authentication (exec of one command, and an
 * interactive session), and on the terminal with {@code --console}.
 */
class ShellIT {

    @TempDir
    Path work;

    private static KeyPair newKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    @Test
    void sshRunsWeftCommandsForAuthorizedKeysOnly() throws Exception {
        KeyPair admin = newKey();
        Path authorized = work.resolve("authorized_keys");
        Files.writeString(authorized, PublicKeyEntry.toString(admin.getPublic()) + " admin@test\n");
        int sshPort = FreePorts.next();
        try (PeerProcess peer = new PeerProcess(work.resolve("peer"))
                .env("CORE_WEFT_SHELL_SSH_ENABLED", "true")
                .env("CORE_WEFT_SHELL_SSH_LISTENADDRESS", "127.0.0.1:" + sshPort)
                .env("CORE_WEFT_SHELL_SSH_AUTHORIZEDKEYSFILE", authorized.toString())
                .env("CORE_WEFT_SHELL_SSH_HOSTKEYFILE", work.resolve("host_key.pem").toString())
                .start().awaitHealthy(Duration.ofSeconds(60));
                SshClient client = SshClient.setUpDefaultClient()) {
            client.start();
            try (ClientSession session = connect(client, sshPort)) {
                session.addPublicKeyIdentity(admin);
                session.auth().verify(10, TimeUnit.SECONDS);

                String handlers = exec(session, "weft:handlers");
                assertThat(handlers).startsWith("KIND").contains("PROVIDERS")
                        .containsPattern("endorsement +DefaultEndorsement +escc +io\\.weft\\.endorsement-default ")
                        .containsPattern("auth +DefaultAuth +- +io\\.weft\\.auth-filters ");
                assertThat(exec(session, "weft:status")).startsWith("status: STARTED").contains("peer: 127.0.0.1:" + peer.peerPort);

                String interactive = shell(session, "weft:status\r\nexit\r\n");
                assertThat(interactive).contains("status: STARTED");
            }

            KeyPair stranger = newKey();
            try (ClientSession session = client.connect("admin", "127.0.0.1", sshPort).verify(10, TimeUnit.SECONDS).getSession()) {
                session.addPublicKeyIdentity(stranger);
                session.addPasswordIdentity("admin");
                assertThatThrownBy(() -> session.auth().verify(10, TimeUnit.SECONDS)).hasMessageContaining("No more authentication methods");
            }
            client.stop();
        }
    }

    /** The SSH listener comes up with the shell bundle, shortly after the node reports healthy. */
    private static ClientSession connect(SshClient client, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return client.connect("admin", "127.0.0.1", port).verify(10, TimeUnit.SECONDS).getSession();
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static String exec(ClientSession session, String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ClientChannel channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(10, TimeUnit.SECONDS);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TimeUnit.SECONDS.toMillis(20));
            assertThat(channel.getExitStatus()).as("exit of %s; stderr %s", command, err).isZero();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String shell(ClientSession session, String typed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClientChannel channel = session.createShellChannel()) {
            channel.setIn(new java.io.ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
            channel.setOut(out);
            channel.setErr(out);
            channel.open().verify(10, TimeUnit.SECONDS);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TimeUnit.SECONDS.toMillis(20));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void consoleTakesTheTerminal() throws Exception {
        PeerProcess peer = new PeerProcess(work.resolve("console"));
        try (peer) {
            peer.startWithInput("weft:status\n", "--console").awaitHealthy(Duration.ofSeconds(60));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!peer.log().contains("status: STARTED") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(peer.log()).contains("weft> status: STARTED");
        }
    }
}
