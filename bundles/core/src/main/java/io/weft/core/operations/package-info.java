/** The operations endpoint: /healthz, /logspec, /version over HTTP(S), as Fabric's. */
package io.weft.core.operations;
