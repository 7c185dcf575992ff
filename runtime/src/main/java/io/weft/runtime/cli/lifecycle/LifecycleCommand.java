package io.weft.runtime.cli.lifecycle;

import picocli.CommandLine.Command;

/** {@code peer lifecycle}: only a parent for {@code chaincode}; it has no flags of its own. */
@Command(name = "lifecycle", description = "Perform _lifecycle operations.", subcommands = LifecycleChaincodeCommand.class)
public final class LifecycleCommand {
}
