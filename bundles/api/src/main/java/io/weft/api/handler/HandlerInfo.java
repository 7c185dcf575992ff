package io.weft.api.handler;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One row of the registry's report: a configured or provided handler name and the provider that
 * serves it now, if any.
 *
 * @param kind the handler kind
 * @param alias the plugin alias from {@code core.yaml} ({@code escc}, {@code vscc}), if the name is mapped from one
 * @param name the handler name
 * @param configured whether {@code core.yaml} refers to this name
 * @param provider the serving provider, empty when none is registered
 * @param providers how many providers are registered for the name
 */
public record HandlerInfo(HandlerKind<?> kind, Optional<String> alias, String name, boolean configured,
        Optional<Provider> provider, int providers) {

    public HandlerInfo {
        requireNonNull(kind, "kind");
        requireNonNull(alias, "alias");
        requireNonNull(name, "name");
        requireNonNull(provider, "provider");
    }

    /**
     * The provider serving a name.
     *
     * @param serviceId the framework's service id
     * @param bundleSymbolicName the providing bundle
     * @param bundleVersion its version
     * @param ranking the service ranking
     * @param inUse handles currently open on this provider
     */
    public record Provider(long serviceId, String bundleSymbolicName, String bundleVersion, int ranking, int inUse) {
        public Provider {
            requireNonNull(bundleSymbolicName, "bundleSymbolicName");
            requireNonNull(bundleVersion, "bundleVersion");
        }
    }
}
