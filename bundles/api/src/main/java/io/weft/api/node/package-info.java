/**
 * Node-level contracts: health checks behind {@code /healthz}, the service registry through which
 * bundles contribute gRPC services, and the node's own status.
 */
@Export
@Version("0.2.0")
package io.weft.api.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
