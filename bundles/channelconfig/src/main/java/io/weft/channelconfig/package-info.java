/**
 * Fabric's channel configuration ({@code common/channelconfig}): the immutable bundle built once per config
 * block — channel MSPs, orderer and application organisations, consensus and batch settings, capabilities,
 * ACLs, consortiums and the compiled policies — and the orderer's channel-creation template.
 */
@Export
@Version("0.2.0")
package io.weft.channelconfig;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
