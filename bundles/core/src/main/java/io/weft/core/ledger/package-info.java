/**
 * The peer's ledger manager: opens the ledgers under {@code peer.fileSystemPath} on the configured storage backend,
 * rebinds them when the backend goes away or changes, and reports their state to health checks and the shell.
 */
package io.weft.core.ledger;
