/**
 * The {@code DefaultValidation} plugin: Fabric v2.0's builtin validation of endorsements against the chaincode's
 * endorsement policy, collection endorsement policies and key-level (state-based) endorsement policies. Private:
 * other bundles reach it only as a {@link io.weft.api.handler.ValidationPluginFactory} service.
 */
package io.weft.validation.builtin;
