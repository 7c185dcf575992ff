/**
 * Fabric's transient store ({@code core/transientstore}): private simulation results kept from
 * endorsement until their transaction commits or ages out, one database per channel in the shared
 * store at {@code <fs>/transientstore}.
 */
package io.weft.ledger.transientstore;
