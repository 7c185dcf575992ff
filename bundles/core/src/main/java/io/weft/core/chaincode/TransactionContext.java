package io.weft.core.chaincode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.SignedProposal;

import com.google.protobuf.MessageLite;

import io.weft.ledger.history.HistoryQueryExecutor;
import io.weft.ledger.txmgr.CollectionNameValidator;
import io.weft.ledger.txmgr.QueryResultsIterator;
import io.weft.ledger.txmgr.ResultsIterator;
import io.weft.ledger.txmgr.TxSimulator;

/**
 * Fabric's {@code TransactionContext}: one transaction a chaincode runs, with its simulator, history, signed
 * proposal, open queries and the collection permissions of the proposal's creator (checked once per collection).
 * Used from the handler's serial executor only, except {@link #closeQueries()}.
 */
final class TransactionContext {

    /** One open query: its iterator, the result held over to the next batch, the count so far. */
    static final class QueryContext {
        final ResultsIterator<? extends MessageLite> iterator;
        final List<QueryResultBytes> pending = new ArrayList<>();
        int returned;

        QueryContext(ResultsIterator<? extends MessageLite> iterator) {
            this.iterator = iterator;
        }
    }

    private final String channelId;
    private final String namespace;
    private final TxSimulator simulator;
    private final HistoryQueryExecutor history;
    private final SignedProposal proposal;
    private final CollectionStore collections;
    private final CompletableFuture<ChaincodeMessage> response = new CompletableFuture<>();
    private final Map<String, QueryContext> queries = new ConcurrentHashMap<>();
    private final Map<String, CollectionStore.Permission> permissions = new ConcurrentHashMap<>();
    private final CollectionNameValidator collectionNames;

    TransactionContext(String channelId, String namespace, TxSimulator simulator, HistoryQueryExecutor history,
            SignedProposal proposal, ChannelConfigs channels) {
        this.channelId = channelId;
        this.namespace = namespace;
        this.simulator = simulator;
        this.history = history;
        this.proposal = proposal;
        this.collections = new CollectionStore(channelId, channels);
        this.collectionNames = new CollectionNameValidator(channelId, collections.collections(), simulator);
    }

    String channelId() {
        return channelId;
    }

    SignedProposal proposal() {
        return proposal;
    }

    String namespace() {
        return namespace;
    }

    /** Null for a transaction without ledger access. */
    TxSimulator simulator() {
        return simulator;
    }

    /** Null when the history database is not enabled. */
    HistoryQueryExecutor history() {
        return history;
    }

    CompletableFuture<ChaincodeMessage> response() {
        return response;
    }

    CollectionStore collections() {
        return collections;
    }

    /** The creator's permissions on a collection of this chaincode, read once per transaction. */
    CollectionStore.Permission permission(String collection) {
        CollectionStore.Permission cached = permissions.get(collection);
        if (cached != null) {
            return cached;
        }
        CollectionStore.Permission p = collections.readWritePermission(namespace, collection, proposal,
                simulator::getState);
        permissions.put(collection, p);
        return p;
    }

    /** The ledger's check that this chaincode defines {@code collection}. */
    void validateCollectionName(String collection) {
        collectionNames.validate(namespace, collection);
    }

    // ---- open queries

    QueryContext query(String id) {
        return queries.get(id);
    }

    QueryContext openQuery(String id, ResultsIterator<? extends MessageLite> iterator) {
        QueryContext q = new QueryContext(iterator);
        queries.put(id, q);
        return q;
    }

    void cleanup(String id) {
        QueryContext q = queries.remove(id);
        if (q != null) {
            q.iterator.close();
        }
    }

    /** Closes the query and returns where its next page starts ("" if the iterator has no bookmark). */
    String cleanupWithBookmark(String id) {
        QueryContext q = queries.remove(id);
        if (q == null) {
            return "";
        }
        if (q.iterator instanceof QueryResultsIterator r) {
            return r.bookmarkAndClose();
        }
        q.iterator.close();
        return "";
    }

    boolean hasOpenQueries() {
        return !queries.isEmpty();
    }

    void closeQueries() {
        queries.keySet().forEach(this::cleanup);
    }
}
