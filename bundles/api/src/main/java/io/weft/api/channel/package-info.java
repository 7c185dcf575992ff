/**
 * The peer's channels as plugins and system chaincodes see them: joining, listing, and reading a channel's blocks,
 * transactions and configuration.
 */
@Export
@Version("0.4.0")
package io.weft.api.channel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
