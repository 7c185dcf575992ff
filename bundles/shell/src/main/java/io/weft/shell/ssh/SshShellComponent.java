package io.weft.shell.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote administration: the Gogo shell over SSH on a loopback address, when
 * {@code weft.shell.ssh.enabled} is true. Only public keys listed in the configured
 * authorized_keys file may log in; no passwords.
 */
@Component(immediate = true, service = {}, configurationPid = "io.weft.shell.ssh",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class SshShellComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SshShellComponent.class);

    /** {@code weft.shell.ssh.*}. */
    public @interface Config {
        boolean enabled() default false;

        String listenAddress() default "127.0.0.1:8101";

        String authorizedKeysFile() default "";

        String hostKeyFile() default "";
    }

    @Reference
    private CommandProcessor processor;
    private SshServer server;

    @Activate
    void activate(BundleContext context, Config config) throws IOException {
        if (!config.enabled()) {
            return;
        }
        int colon = config.listenAddress().lastIndexOf(':');
        String host = config.listenAddress().substring(0, colon);
        int port = Integer.parseInt(config.listenAddress().substring(colon + 1));
        if (!isLoopback(host)) {
            LOG.error("SSH shell not started: weft.shell.ssh.listenAddress {} is not a loopback address", config.listenAddress());
            return;
        }
        Path hostKey = config.hostKeyFile().isBlank() ? context.getDataFile("ssh_host_key.pem").toPath()
                : Path.of(config.hostKeyFile());
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKey);
        keys.setAlgorithm("EC");
        server = SshServer.setUpDefaultServer();
        server.setHost(host);
        server.setPort(port);
        server.setKeyPairProvider(keys);
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(Path.of(config.authorizedKeysFile())));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setShellFactory(channel -> new GogoSshCommand(processor, context));
        server.setCommandFactory((channel, commandLine) -> new GogoExecCommand(processor, commandLine));
        server.start();
        LOG.info("SSH shell listening on {}:{} (keys from {})", host, server.getPort(), config.authorizedKeysFile());
    }

    private static boolean isLoopback(String host) {
        try {
            return List.of(InetAddress.getAllByName(host)).stream().allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Deactivate
    void deactivate() throws IOException {
        if (server != null) {
            server.stop(true);
        }
    }
}
