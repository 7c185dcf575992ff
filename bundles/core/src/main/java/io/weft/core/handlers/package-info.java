/** The live handler registry: core.yaml names resolved against OSGi services, per request. */
package io.weft.core.handlers;
