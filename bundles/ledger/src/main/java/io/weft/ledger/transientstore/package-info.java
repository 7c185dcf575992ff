/**
 * Fabric's transient store ({@code core/transientstore}): private simulation results kept from
 * endorsement until their transaction commits or ages out, one database per channel in the shared
 * store at {@code <fs>/transientstore}.
 */
@Export
@Version("0.1.0")
package io.weft.ledger.transientstore;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
