/** Starts the peer: Apache Felix embedded, bundles from OSGi R8 feature files, start levels, the node's start-up outcome. */
package io.weft.runtime.launcher;
