package io.weft.runtime.cli.chaincode;

import picocli.CommandLine.Command;

/** {@code peer chaincode}. */
@Command(name = "chaincode", subcommands = {})
public final class ChaincodeCommand {
}
