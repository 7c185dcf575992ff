/**
 * Fabric's configtxgen: configtx.yaml profiles encoded as channel config trees, genesis blocks and
 * config-update transactions ({@link io.weft.tools.configtxgen.ConfigtxgenProfiles},
 * {@link io.weft.tools.configtxgen.ChannelGroups}, {@link io.weft.tools.configtxgen.GenesisBlocks},
 * {@link io.weft.tools.configtxgen.ChannelTxs}).
 */
package io.weft.tools.configtxgen;
