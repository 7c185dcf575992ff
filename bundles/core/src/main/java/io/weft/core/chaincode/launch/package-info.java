/**
 * Launching chaincodes as Fabric's external builders do: detect, build and release a package once (kept under the
 * peer's file system path), then run it as a process that registers back on the chaincode listener, or connect to
 * it as a service when the release holds a {@code connection.json}.
 */
package io.weft.core.chaincode.launch;
