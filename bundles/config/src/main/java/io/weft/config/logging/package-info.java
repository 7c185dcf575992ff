/** Fabric's logging spec and format (FABRIC_LOGGING_SPEC, FABRIC_LOGGING_FORMAT) mapped to Log4j 2. */
@Export
@Version("0.1.0")
package io.weft.config.logging;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
