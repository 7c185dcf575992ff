/**
 * How the peer talks over the network: addresses, TLS from Fabric's PEM files, and the settings of
 * its gRPC servers and clients (Fabric's {@code internal/pkg/comm}).
 */
@Export
@Version("0.4.0")
package io.weft.comm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
