package io.weft.orderer.node;

import io.weft.api.node.HealthChecker;

/** A part of the orderer that could not start, reported by the node's health checks with the reason. */
record FailedCheck(String component, String reason) implements HealthChecker {

    @Override
    public void check() {
        throw new IllegalStateException(reason);
    }
}
