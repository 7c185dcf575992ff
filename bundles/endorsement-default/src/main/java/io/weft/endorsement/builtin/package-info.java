/**
 * The {@code DefaultEndorsement} plugin: Fabric's builtin endorsement, which signs the proposal response payload
 * followed by the serialized identity of the peer. Private: other bundles reach it only as an
 * {@link io.weft.api.handler.EndorsementPluginFactory} service, by {@code weft.handler.name}.
 */
package io.weft.endorsement.builtin;
