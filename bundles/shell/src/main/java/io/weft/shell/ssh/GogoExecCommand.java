package io.weft.shell.ssh;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * {@code ssh -p 8101 admin@localhost weft:status}: runs one Gogo command line without a terminal,
 * prints its result, exits 0, or prints the error and exits 1 — for scripts.
 */
final class GogoExecCommand extends StreamCommand {

    private final CommandProcessor processor;
    private final String commandLine;

    GogoExecCommand(CommandProcessor processor, String commandLine) {
        this.processor = processor;
        this.commandLine = commandLine;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        Thread t = new Thread(this::run, "weft-ssh-exec");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = 0;
        try (CommandSession session = processor.createSession(in, stdout, stderr)) {
            Object result = session.execute(commandLine);
            if (result != null) {
                stdout.print(session.format(result, Converter.INSPECT));
                if (!(result instanceof CharSequence cs) || cs.length() == 0 || cs.charAt(cs.length() - 1) != '\n') {
                    stdout.println();
                }
            }
        } catch (Exception e) {
            stderr.println("gogo: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            code = 1;
        } finally {
            stdout.flush();
            stderr.flush();
            exit.onExit(code);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        // the command runs to its end; nothing held
    }
}
