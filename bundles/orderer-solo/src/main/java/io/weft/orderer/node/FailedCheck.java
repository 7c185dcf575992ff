package io.weft.orderer.node;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.weft.api.node.HealthChecker;

/**
 * A part of the orderer that could not start, reported by the node's health checks with the reason, and to the
 * standalone orderer's launcher as its failed start-up.
 */
record FailedCheck(String component, String reason) implements HealthChecker, OrdererStatus {

    /** Registers the failure of {@code component}; the registration withdraws it. */
    static ServiceRegistration<?> report(BundleContext context, String component, String reason) {
        return context.registerService(new String[] {HealthChecker.class.getName(), OrdererStatus.class.getName()},
                new FailedCheck(component, reason), OrdererStatus.failed(component + ": " + reason));
    }

    @Override
    public void check() {
        throw new IllegalStateException(reason);
    }

    @Override
    public String status() {
        return "FAILED";
    }
}
