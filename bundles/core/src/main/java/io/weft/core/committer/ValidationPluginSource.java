package io.weft.core.committer;

import io.weft.api.handler.HandlerHandle;
import io.weft.api.handler.HandlerNotFoundException;
import io.weft.api.handler.ValidationPluginFactory;

/** Where the committer finds the validation plugin a chaincode definition names ({@code vscc} and others). */
@FunctionalInterface
public interface ValidationPluginSource {

    /**
     * The provider of {@code pluginName}, held for one block.
     *
     * @throws HandlerNotFoundException nothing provides the name (after a short wait covering a bundle update)
     */
    HandlerHandle<ValidationPluginFactory> open(String pluginName) throws InterruptedException;
}
