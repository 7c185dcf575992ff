/**
 * protos.Endorser: Fabric's {@code ProcessProposal} (auth filters, unpacking, validation, duplicate and ACL checks,
 * system chaincode invocation with decorated input, proposal response and endorsement by the {@code escc} plugin).
 */
package io.weft.core.endorser;
