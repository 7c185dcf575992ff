/** The node's life: start-up outcome, status, version. */
package io.weft.core.node;
