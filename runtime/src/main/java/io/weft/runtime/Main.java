package io.weft.runtime;

import io.weft.runtime.cli.CliContext;
import io.weft.runtime.cli.CliException;
import io.weft.runtime.cli.CobraMessages;
import io.weft.runtime.cli.PeerCommand;

import java.lang.reflect.Constructor;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of {@code bin/peer}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(CliContext.system(), args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs {@code args} as the {@code peer} CLI would. Returns the exit code: 0, or 1 for every
     * error, as Fabric's {@code peer}.
     */
    public static int run(CliContext context, String... args) {
        CommandLine cli = commandLine(context, args.length > 0 ? args[0] : "");
        return cli.execute(args);
    }

    /**
     * The command tree, with Fabric's error conventions. Only the branch {@code first} names is built
     * (the whole tree when it names none): building all sixty commands costs a tenth of a second,
     * which {@code peer version} and {@code peer node start} should not pay.
     */
    public static CommandLine commandLine(CliContext context, String first) {
        ContextFactory factory = new ContextFactory(context);
        CommandLine cli = new CommandLine(PeerCommand.class, factory);
        Class<?> only = PeerCommand.COMMANDS.get(first);
        for (Map.Entry<String, Class<?>> c : PeerCommand.COMMANDS.entrySet()) {
            if (only == null || c.getValue() == only) {
                cli.addSubcommand(c.getKey(), new CommandLine(c.getValue(), factory));
            }
        }
        cli.setOut(new java.io.PrintWriter(context.out(), true));
        cli.setErr(new java.io.PrintWriter(context.err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOverwrittenOptionsAllowed(true); // as pflag: the last value of a repeated flag wins
        cli.setParameterExceptionHandler((ParameterException e, String[] a) -> {
            CommandLine failed = e.getCommandLine();
            if (e instanceof UnmatchedArgumentException u && !u.isUnknownOption() && isGroup(failed)) {
                if (failed.getParent() == null) {
                    context.err().println("Error: unknown command \"" + u.getUnmatched().get(0) + "\" for \"peer\"");
                    context.err().println("Run 'peer --help' for usage.");
                    return 1;
                }
                // an unknown verb under a command group: cobra shows the group's help and succeeds
                failed.usage(context.out());
                return 0;
            }
            context.err().println("Error: " + CobraMessages.of(e));
            failed.usage(context.err());
            return 1;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            context.err().println("Error: " + message(e));
            return 1;
        });
        cli.setExecutionStrategy(parseResult -> {
            CommandLine leaf = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
            if (isGroup(leaf)) {
                // a command group without a verb prints its usage, as cobra does
                leaf.usage(context.out());
                return 0;
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cli;
    }

    /** A command group: has subcommands and no action of its own. */
    static boolean isGroup(CommandLine cli) {
        Object command = cli.getCommand();
        return !(command instanceof java.util.concurrent.Callable) && !(command instanceof Runnable);
    }

    private static String message(Throwable e) {
        if (e instanceof CliException) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Creates commands, handing those that ask for it the {@link CliContext}. */
    private record ContextFactory(CliContext context) implements IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
