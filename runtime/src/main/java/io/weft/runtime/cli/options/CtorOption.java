package io.weft.runtime.cli.options;

import picocli.CommandLine.Option;

/** {@code -c/--ctor} of the legacy {@code peer chaincode} commands. */
public final class CtorOption {

    @Option(names = {"-c", "--ctor"}, paramLabel = "<json>",
            description = "Chaincode call as JSON: {\"Args\":[...]} or {\"function\":\"f\",\"Args\":[...]}")
    private String ctor = "{}";

    public String ctor() {
        return ctor;
    }
}
