/**
 * The orderer's own work as Fabric's orderer does it, for Weft's embedded solo orderer: cutting the ordered messages
 * of a channel into batches ({@link io.weft.orderer.BlockCutter}) and writing them as the channel's next signed blocks
 * ({@link io.weft.orderer.BlockWriter}).
 */
@Export
@Version("0.1.0")
package io.weft.orderer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
