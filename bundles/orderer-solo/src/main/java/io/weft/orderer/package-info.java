/**
 * The orderer's own work as Fabric's orderer does it, for Weft's embedded solo orderer: the Broadcast service
 * ({@link io.weft.orderer.BroadcastService}, {@link io.weft.orderer.BroadcastHandler}) checking messages as Fabric's
 * standard channel processor does, one ordering thread per channel ({@link io.weft.orderer.SoloChain}) cutting them
 * into batches ({@link io.weft.orderer.BlockCutter}) and writing them as the channel's next signed blocks
 * ({@link io.weft.orderer.BlockWriter}) to its ledger ({@link io.weft.orderer.OrdererLedger}), and the chains by
 * channel ({@link io.weft.orderer.ChainRegistry}).
 */
@Export
@Version("0.4.0")
package io.weft.orderer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
