package io.weft.runtime.cli.options;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Waiting for the commit of {@code approveformyorg} and {@code commit}: on by default, unlike legacy {@code invoke}. */
public final class LifecycleWaitOptions {

    @Option(names = "--waitForEvent", arity = "0..1", fallbackValue = "true", converter = GoBoolConverter.class,
            description = "Wait until each peer reports the transaction committed")
    private boolean waitForEvent = true;

    @Mixin
    private WaitForEventTimeoutOption timeout;

    public boolean waitForEvent() {
        return waitForEvent;
    }

    public String waitForEventTimeout() {
        return timeout.waitForEventTimeout();
    }
}
