/** The peer's gRPC server: services contributed by bundles, TLS, keepalive, limits, health. */
package io.weft.core.grpc;
