/** Fabric's JSON form of its protobuf messages (fabric-config's protolator). */
package io.weft.tools.protolator;
