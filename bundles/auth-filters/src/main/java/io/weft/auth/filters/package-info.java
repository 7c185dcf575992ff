/**
 * Fabric's builtin auth filters: {@code DefaultAuth} (passes the proposal on), {@code ExpirationCheck} (refuses
 * proposals whose creator certificate has expired) and {@code TimeWindowCheck} (refuses proposals whose timestamp
 * is too far from the peer's clock). Private: other bundles reach them only as {@link io.weft.api.handler.AuthFilter}
 * services, by {@code weft.handler.name}.
 */
package io.weft.auth.filters;
