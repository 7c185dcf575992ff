/**
 * The peer's block delivery client (Fabric's {@code blocksprovider}): per joined channel, blocks pulled from the
 * channel's orderers with a signed Deliver request from the ledger height on, handed to the channel's committer, with
 * Fabric's reconnection backoff and failover between the endpoints of the channel config.
 */
package io.weft.core.delivery;
