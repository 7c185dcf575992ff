/** Fabric's configtxlator: JSON/protobuf translation and config update computation. */
package io.weft.tools.configtxlator;
