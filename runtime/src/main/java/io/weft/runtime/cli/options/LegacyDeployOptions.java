package io.weft.runtime.cli.options;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code peer chaincode instantiate} and {@code upgrade} record about a chaincode besides its id. */
public final class LegacyDeployOptions {

    @Option(names = {"-P", "--policy"}, description = "Endorsement policy, e.g. \"OR('Org1MSP.member')\"")
    private String policy = "";

    @Option(names = {"-E", "--escc"}, description = "Endorsement system chaincode to use")
    private String escc = "";

    @Option(names = {"-V", "--vscc"}, description = "Validation system chaincode to use")
    private String vscc = "";

    @Mixin
    private CollectionsConfigOption collections;

    public String policy() {
        return policy;
    }

    public String escc() {
        return escc;
    }

    public String vscc() {
        return vscc;
    }

    public String collectionsConfig() {
        return collections.collectionsConfig();
    }
}
