package io.weft.api.node;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A component's health, reported by the operations endpoint's {@code /healthz} as Fabric does:
 * any failing checker turns the answer into 503 with the component and reason listed. Register as
 * a service; the component name is {@link #component()}. Checks must be quick and thread-safe.
 */
@ConsumerType
public interface HealthChecker {

    /** Name shown in {@code failed_checks[].component}. */
    String component();

    /**
     * Returns normally when healthy.
     *
     * @throws Exception whose message is shown in {@code failed_checks[].reason}
     */
    void check() throws Exception;
}
