/** The peer's local MSP as services: its signing identity and the local-admin check. */
package io.weft.core.msp;
