package io.weft.shell.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One SSH shell session: a JLine terminal over the channel's streams running a Gogo shell. */
final class GogoSshCommand extends StreamCommand {

    private static final Logger LOG = LoggerFactory.getLogger(GogoSshCommand.class);

    private final CommandProcessor processor;
    private final BundleContext context;
    private Thread thread;
    private volatile Terminal terminal;

    GogoSshCommand(CommandProcessor processor, BundleContext context) {
        this.processor = processor;
        this.context = context;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        Map<String, String> vars = env.getEnv();
        Terminal t = TerminalBuilder.builder().system(false).name("weft-ssh").streams(in, out)
                .type(vars.getOrDefault(Environment.ENV_TERM, "vt100")).encoding(StandardCharsets.UTF_8).build();
        t.setSize(new Size(parse(vars.get(Environment.ENV_COLUMNS), 80), parse(vars.get(Environment.ENV_LINES), 24)));
        env.addSignalListener((ch, signal) -> {
            t.setSize(new Size(parse(env.getEnv().get(Environment.ENV_COLUMNS), 80), parse(env.getEnv().get(Environment.ENV_LINES), 24)));
            t.raise(Terminal.Signal.WINCH);
        }, Signal.WINCH);
        terminal = t;
        String user = vars.getOrDefault(Environment.ENV_USER, "unknown");
        thread = new Thread(() -> run(t, user), "weft-ssh-shell-" + user);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Terminal t, String user) {
        int code = 0;
        try {
            CommandSession session = processor.createSession(t.input(), t.output(), t.output());
            session.put(Shell.VAR_TERMINAL, t);
            session.put("USER", user);
            Shell.Context shellContext = new Shell.Context() {
                @Override
                public String getProperty(String name) {
                    return "gosh.args".equals(name) ? "" : context.getProperty(name);
                }

                @Override
                public void exit() throws IOException {
                    t.close();
                }
            };
            new Shell(shellContext, processor).gosh(session, new String[] {"--login"});
        } catch (Exception e) {
            LOG.warn("SSH shell of {} ended: {}", user, e.toString());
            code = 1;
        } finally {
            exit.onExit(code);
        }
    }

    @Override
    public void destroy(ChannelSession channel) throws IOException {
        Terminal t = terminal;
        if (t != null) {
            t.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
