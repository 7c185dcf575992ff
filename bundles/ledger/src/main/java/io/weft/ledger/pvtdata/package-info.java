/**
 * Fabric's private data store ({@code core/ledger/pvtdatastorage}, format "2.5"): committed private
 * write sets per block, their expiry by block-to-live and the record of missing private data, in a
 * channel's database of the shared {@code pvtdataStore} key-value store.
 */
@Export
@Version("0.1.0")
package io.weft.ledger.pvtdata;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
