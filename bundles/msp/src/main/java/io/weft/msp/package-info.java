/**
 * Fabric's X.509 membership service provider: local MSP folders, MSPs from channel configuration,
 * identity deserialization and validation, signatures, principals, and MSP managers.
 */
@Export
@Version("0.1.0")
package io.weft.msp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
