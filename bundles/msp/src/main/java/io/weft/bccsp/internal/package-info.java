/** Helpers shared by the BCCSP and MSP packages; not exported. */
package io.weft.bccsp.internal;
