package io.weft.core.logging;

import io.weft.config.logging.LogSpec;

/**
 * The peer's logging levels, controlled as Fabric's {@code flogging}: the Admin service, the
 * operations endpoint's {@code /logspec} and the shell all go through this one service.
 */
public interface LogControl {

    /** The active spec. */
    LogSpec spec();

    /** The spec the peer started with. */
    LogSpec startupSpec();

    /**
     * Activates {@code spec}.
     *
     * @throws IllegalArgumentException with Fabric's message when the spec is invalid
     */
    void activateSpec(String spec);

    /** The effective level of {@code logger}, upper case ({@code INFO}). */
    default String levelOf(String logger) {
        return spec().levelOf(logger).capitalName();
    }

    /** Reverts to {@link #startupSpec()}. */
    default void revert() {
        activateSpec(startupSpec().toString());
    }
}
