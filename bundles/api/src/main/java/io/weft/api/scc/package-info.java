/**
 * System chaincodes as bundles: {@code cscc}, {@code qscc}, {@code lscc}, {@code _lifecycle} and any other an
 * operator installs register {@link io.weft.api.scc.SystemChaincode} with {@code weft.scc.name}; the endorser finds
 * them by that name, live.
 */
@Export
@Version("0.3.0")
package io.weft.api.scc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
