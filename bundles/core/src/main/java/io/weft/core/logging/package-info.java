/** Fabric's logging controls (spec, per-logger levels) over pax-logging. */
package io.weft.core.logging;
