package io.weft.runtime.cli.lifecycle;

import picocli.CommandLine.Command;

/** {@code peer lifecycle}. */
@Command(name = "lifecycle", subcommands = {})
public final class LifecycleCommand {
}
