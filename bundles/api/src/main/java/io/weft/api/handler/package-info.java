/**
 * The handler SPI: the kinds of plugin Fabric's {@code peer.handlers} section names (auth filters,
 * decorators, endorsement and validation plugins), the service properties they register with,
 * and the registry through which the peer finds them by name, live.
 */
@Export
@Version("0.2.0")
package io.weft.api.handler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
