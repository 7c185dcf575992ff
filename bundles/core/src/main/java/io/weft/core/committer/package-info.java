/**
 * The committer's checks on blocks and transactions received from the orderer or gossip, before the endorsement
 * policy stage: Fabric's {@code VerifyBlock} and the per-transaction structure, signature and txid checks.
 */
package io.weft.core.committer;
