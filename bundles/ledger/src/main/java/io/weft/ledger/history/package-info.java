/** Fabric's history database: which valid transactions wrote each key, for newest-first history queries. */
package io.weft.ledger.history;
