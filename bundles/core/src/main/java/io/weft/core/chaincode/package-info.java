/**
 * Chaincode support: the {@code protos.ChaincodeSupport/Register} stream a chaincode opens to the peer, Fabric's
 * handshake (REGISTER → REGISTERED, READY), the registry of running chaincodes and transaction execution with the
 * chaincode's state requests served from the proposal's simulator.
 */
package io.weft.core.chaincode;
