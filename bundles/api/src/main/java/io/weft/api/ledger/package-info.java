/**
 * What the peer tells plugins and the shell about its ledgers: the storage backend they are open on, each
 * channel's heights, and why a ledger could not be opened.
 */
@Export
@Version("0.1.0")
package io.weft.api.ledger;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
