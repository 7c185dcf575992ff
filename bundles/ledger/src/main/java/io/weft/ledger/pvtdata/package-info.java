/**
 * Fabric's private data store ({@code core/ledger/pvtdatastorage}, format "2.5"): committed private
 * write sets per block, their expiry by block-to-live and the record of missing private data, in a
 * channel's database of the shared {@code pvtdataStore} key-value store.
 */
package io.weft.ledger.pvtdata;
