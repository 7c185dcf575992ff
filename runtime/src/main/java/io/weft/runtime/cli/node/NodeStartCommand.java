package io.weft.runtime.cli.node;

import io.weft.runtime.cli.PendingCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peer node start}. */
@Command(name = "start", description = "Starts the node.")
public final class NodeStartCommand extends PendingCommand {

    @Option(names = "--peer-chaincodedev", arity = "0..1", fallbackValue = "true",
            description = "start peer in chaincode development mode")
    boolean chaincodeDev;
}
