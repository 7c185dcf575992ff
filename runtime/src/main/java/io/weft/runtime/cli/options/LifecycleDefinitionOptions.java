package io.weft.runtime.cli.options;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A {@code _lifecycle} chaincode definition, as {@code approveformyorg}, {@code checkcommitreadiness} and {@code commit} take it. */
public final class LifecycleDefinitionOptions {

    @Mixin
    private ChaincodeChannelIdOption channel;

    @Mixin
    private ChaincodeNameOption name;

    @Mixin
    private ChaincodeVersionOption version;

    @Mixin
    private SequenceOption sequence;

    @Option(names = {"-E", "--endorsement-plugin"}, description = "Endorsement plugin for the chaincode")
    private String endorsementPlugin = "";

    @Option(names = {"-V", "--validation-plugin"}, description = "Validation plugin for the chaincode")
    private String validationPlugin = "";

    @Option(names = "--signature-policy", description = "Endorsement policy as a signature policy expression")
    private String signaturePolicy = "";

    @Option(names = "--channel-config-policy", description = "Endorsement policy as a reference to a channel config policy")
    private String channelConfigPolicy = "";

    @Option(names = "--init-required", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Whether the chaincode's Init must be invoked first")
    private boolean initRequired;

    @Mixin
    private CollectionsConfigOption collections;

    public String channelId() {
        return channel.channelId();
    }

    public String name() {
        return name.name();
    }

    public String version() {
        return version.version();
    }

    public long sequence() {
        return sequence.sequence();
    }

    public String endorsementPlugin() {
        return endorsementPlugin;
    }

    public String validationPlugin() {
        return validationPlugin;
    }

    public String signaturePolicy() {
        return signaturePolicy;
    }

    public String channelConfigPolicy() {
        return channelConfigPolicy;
    }

    public boolean initRequired() {
        return initRequired;
    }

    public String collectionsConfig() {
        return collections.collectionsConfig();
    }
}
