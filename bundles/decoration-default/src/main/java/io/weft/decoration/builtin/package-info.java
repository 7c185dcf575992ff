/**
 * The {@code DefaultDecorator}: Fabric's builtin decorator, which leaves the chaincode input as it is. Private: other
 * bundles reach it only as a {@link io.weft.api.handler.Decorator} service, by {@code weft.handler.name}.
 */
package io.weft.decoration.builtin;
