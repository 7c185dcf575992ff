package io.weft.core.chaincode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetHistoryForKey;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.weft.comm.Blocking;
import io.weft.channelconfig.ApplicationConfig;
import io.weft.channelconfig.Capabilities;
import io.weft.channelconfig.ChannelConfig;
import io.weft.ledger.history.HistoryQueryExecutor;
import io.weft.ledger.txmgr.ResultsIterator;
import io.weft.ledger.txmgr.TxSimulator;

/**
 * Fabric's chaincode {@code Handler}: the peer's side of one {@code ChaincodeSupport/Register} stream. States
 * created → established → ready; messages are processed one at a time, in order, off the gRPC event loop.
 * Serves the shim's state requests from the transaction's simulator and history: public and private GET_STATE,
 * PUT_STATE, DEL_STATE, GET_STATE_METADATA, PUT_STATE_METADATA and GET_STATE_BY_RANGE (private access as the
 * collection's MemberOnlyRead/MemberOnlyWrite allow the proposal's creator), GET_PRIVATE_DATA_HASH,
 * PURGE_PRIVATE_DATA, GET_QUERY_RESULT (which the LevelDB state refuses), QUERY_STATE_NEXT, QUERY_STATE_CLOSE and
 * GET_HISTORY_FOR_KEY, INVOKE_CHAINCODE (through a {@link ChaincodeInvoker}). Inbound KEEPALIVE is ignored,
 * as in Fabric.
 */
public final class Handler implements StreamObserver<ChaincodeMessage> {

    /** Fabric's {@code ErrorExecutionTimeout}. */
    public static final String ERROR_EXECUTION_TIMEOUT = "timeout expired while executing transaction";
    /** Fabric's {@code ErrorStreamTerminated}. */
    public static final String ERROR_STREAM_TERMINATED = "chaincode stream terminated";

    private static final Logger LOG = LoggerFactory.getLogger(Handler.class);

    enum State {
        CREATED, ESTABLISHED, READY;

        String fabricName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Fabric's {@code QueryResponseGenerator.MaxResultLimit}: results per batch between shim and peer. */
    static final int MAX_RESULT_LIMIT = 100;

    private final StreamObserver<ChaincodeMessage> out;
    private final HandlerRegistry registry;
    private final SerialExecutor serial;
    private final Executor executor;
    private final Supplier<ChaincodeInvoker> invoker;
    private final Map<String, TransactionContext> contexts = new ConcurrentHashMap<>();
    private final int totalQueryLimit;
    private final ChannelConfigs channels;
    private volatile State state = State.CREATED;
    private volatile String chaincodeId;
    private volatile boolean closed;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Admission admission;

    /** Who may register on a stream: with TLS, Fabric's chaincode authenticator. */
    @FunctionalInterface
    interface Admission {
        /** Any chaincode (plaintext listener, or a connection the peer dialed itself). */
        Admission ANY = first -> null;

        /** null when the stream may go on; else the error that ends it. */
        String check(ChaincodeMessage first);
    }

    /**
     * @param totalQueryLimit {@code ledger.state.totalQueryLimit}: most results one query returns
     * @param channels the channels' configs, for private data, state metadata and purging
     */
    Handler(StreamObserver<ChaincodeMessage> out, HandlerRegistry registry, Executor executor, int totalQueryLimit,
            ChannelConfigs channels, Supplier<ChaincodeInvoker> invoker) {
        this(out, registry, executor, totalQueryLimit, channels, invoker, Admission.ANY);
    }

    /** @param admission checks the stream's first message before anything else */
    Handler(StreamObserver<ChaincodeMessage> out, HandlerRegistry registry, Executor executor, int totalQueryLimit,
            ChannelConfigs channels, Supplier<ChaincodeInvoker> invoker, Admission admission) {
        this.admission = admission;
        this.out = out;
        this.registry = registry;
        this.executor = executor;
        this.invoker = invoker;
        this.serial = new SerialExecutor(executor);
        this.totalQueryLimit = totalQueryLimit;
        this.channels = channels;
    }

    boolean isReady() {
        return state == State.READY;
    }

    /** Completes when the stream has ended, from either side. */
    CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** The chaincode ID it registered with; null before REGISTER. */
    public String chaincodeId() {
        return chaincodeId;
    }

    State state() {
        return state;
    }

    boolean isClosed() {
        return closed;
    }

    // ---- inbound stream

    @Override
    public void onNext(ChaincodeMessage msg) {
        ChaincodeMessage.Type type = msg.getType();
        if (state == State.READY && (type == ChaincodeMessage.Type.COMPLETED || type == ChaincodeMessage.Type.ERROR)) {
            // a transaction's end only completes its future; the shim sends it after every request of that
            // transaction was answered, so it needs no place in the serial order (and no thread hop)
            notify(msg);
            return;
        }
        serial.executeHere(() -> handle(msg));
    }

    @Override
    public void onError(Throwable t) {
        serial.execute(() -> {
            LOG.debug("chaincode {} stream failed: {}", chaincodeId, t.toString());
            terminate(null);
        });
    }

    @Override
    public void onCompleted() {
        serial.execute(() -> {
            LOG.debug("received EOF, ending chaincode support stream of {}", chaincodeId);
            terminate(Status.OK);
        });
    }

    private void handle(ChaincodeMessage msg) {
        if (closed) {
            return;
        }
        if (msg.getType() == ChaincodeMessage.Type.KEEPALIVE) {
            return;
        }
        if (state == State.CREATED) {
            String refused = admission.check(msg);
            if (refused != null) {
                // as Fabric's interceptor: the authenticator's error is the stream's end, nothing more
                terminate(Status.UNKNOWN.withDescription(refused));
                return;
            }
        }
        String error = switch (state) {
            case CREATED -> handleCreated(msg);
            case READY -> handleReady(msg);
            default -> "handle message: invalid state " + state.fabricName() + " for transaction " + msg.getTxid();
        };
        if (error != null) {
            String message = "error handling message, ending stream: " + error;
            LOG.error("[{}] {}", shortTxid(msg.getTxid()), message);
            terminate(Status.UNKNOWN.withDescription(message));
        }
    }

    private String handleCreated(ChaincodeMessage msg) {
        if (msg.getType() != ChaincodeMessage.Type.REGISTER) {
            return "[" + msg.getTxid() + "] Fabric side handler cannot handle message (" + msg.getType()
                    + ") while in created state";
        }
        ChaincodeID id;
        try {
            id = ChaincodeID.parseFrom(msg.getPayload());
        } catch (InvalidProtocolBufferException e) {
            return "error in received REGISTER, could NOT unmarshal registration info: " + e.getMessage();
        }
        if (id.getName().isEmpty()) {
            return "error in handling register chaincode, chaincodeID name is empty";
        }
        chaincodeId = id.getName();
        try {
            registry.register(this);
        } catch (ChaincodeException e) {
            chaincodeId = null; // not ours to deregister
            LOG.error("failed to start {} -- {}", id.getName(), e.getMessage());
            return e.getMessage();
        }
        send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTERED).build());
        state = State.ESTABLISHED;
        send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.READY).build());
        state = State.READY;
        registry.ready(this);
        LOG.info("chaincode {} registered", chaincodeId);
        return null;
    }

    private String handleReady(ChaincodeMessage msg) {
        switch (msg.getType()) {
            case COMPLETED, ERROR -> notify(msg);
            case GET_STATE -> transaction(msg, this::getState);
            case PUT_STATE -> transaction(msg, this::putState);
            case DEL_STATE -> transaction(msg, this::delState);
            case GET_PRIVATE_DATA_HASH -> transaction(msg, this::getPrivateDataHash);
            case PURGE_PRIVATE_DATA -> transaction(msg, this::purgePrivateData);
            case GET_STATE_METADATA -> transaction(msg, this::getStateMetadata);
            case PUT_STATE_METADATA -> transaction(msg, this::putStateMetadata);
            case GET_STATE_BY_RANGE -> transaction(msg, this::getStateByRange);
            case GET_QUERY_RESULT -> transaction(msg, this::getQueryResult);
            case QUERY_STATE_NEXT -> transaction(msg, this::queryStateNext);
            case QUERY_STATE_CLOSE -> transaction(msg, this::queryStateClose);
            case GET_HISTORY_FOR_KEY -> transaction(msg, this::getHistoryForKey);
            case INVOKE_CHAINCODE -> transactionAsync(msg, this::invokeChaincode);
            // as Fabric 2.5: WRITE_BATCH_STATE and GET_STATE_MULTIPLE (3.x) end the stream
            default -> {
                return "[" + msg.getTxid() + "] Fabric side handler cannot handle message (" + msg.getType()
                        + ") while in ready state";
            }
        }
        return null;
    }

    private void notify(ChaincodeMessage msg) {
        TransactionContext ctx = contexts.get(key(msg.getChannelId(), msg.getTxid()));
        if (ctx == null) {
            LOG.debug("notifier Txid:{}, channelID:{} does not exist for handling message {}", msg.getTxid(),
                    msg.getChannelId(), msg.getType());
            return;
        }
        ctx.response().complete(msg);
    }

    @FunctionalInterface
    private interface Delegate {
        ByteString handle(ChaincodeMessage msg, TransactionContext ctx) throws Exception;
    }

    /** Fabric's {@code HandleTransaction}: finds the transaction's context, runs the request, answers. */
    private void transaction(ChaincodeMessage msg, Delegate delegate) {
        send(answer(msg, delegate));
    }

    /**
     * As {@link #transaction}, off the handler's serial executor: a call into another chaincode waits for that one,
     * and this chaincode's other transactions go on meanwhile (Fabric handles each message in its own goroutine).
     */
    private void transactionAsync(ChaincodeMessage msg, Delegate delegate) {
        executor.execute(() -> {
            ChaincodeMessage resp = answer(msg, delegate);
            serial.execute(() -> send(resp));
        });
    }

    private ChaincodeMessage answer(ChaincodeMessage msg, Delegate delegate) {
        ChaincodeMessage.Builder resp = ChaincodeMessage.newBuilder().setTxid(msg.getTxid())
                .setChannelId(msg.getChannelId());
        try {
            TransactionContext ctx = contexts.get(key(msg.getChannelId(), msg.getTxid()));
            if (ctx == null || ctx.simulator() == null) {
                throw new IllegalStateException("no ledger context");
            }
            ByteString payload = delegate.handle(msg, ctx);
            resp.setType(ChaincodeMessage.Type.RESPONSE).setPayload(payload);
        } catch (Exception e) {
            String text = msg.getType() + " failed: transaction ID: " + msg.getTxid() + ": " + message(e);
            LOG.error("[{}] Failed to handle {}. error: {}", shortTxid(msg.getTxid()), msg.getType(), text);
            resp.setType(ChaincodeMessage.Type.ERROR).setPayload(ByteString.copyFromUtf8(text));
        }
        return resp.build();
    }

    /**
     * Fabric's {@code HandleInvokeChaincode}: {@code name[:version][/channel]} on the caller's channel unless named,
     * answered with the callee's message.
     */
    private ByteString invokeChaincode(ChaincodeMessage msg, TransactionContext ctx) throws Exception {
        ChaincodeSpec spec = ChaincodeSpec.parseFrom(msg.getPayload());
        String target = spec.getChaincodeId().getName();
        String channel = ctx.channelId();
        int slash = target.indexOf('/');
        if (slash >= 0) {
            channel = target.substring(slash + 1);
            target = target.substring(0, slash);
        }
        int colon = target.indexOf(':');
        if (colon >= 0) {
            target = target.substring(0, colon);
        }
        ChaincodeInvoker calls = invoker.get();
        if (calls == null) {
            throw new IllegalStateException("execute failed: chaincode-to-chaincode calls need the endorser, which "
                    + "is not running");
        }
        return calls.invoke(ctx.channelId(), channel, msg.getTxid(), target, spec.getInput(), ctx.proposal(),
                ctx.simulator(), ctx.history()).toByteString();
    }

    private static String message(Exception e) {
        if (e instanceof InvalidProtocolBufferException) {
            return "unmarshal failed: " + e.getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    // ---- state and private data (Fabric's HandleGetState, HandlePutState, HandleDelState,
    // HandleGetPrivateDataHash, HandlePurgePrivateData, HandleGetStateMetadata and HandlePutStateMetadata)

    private ByteString getState(ChaincodeMessage msg, TransactionContext ctx) throws InvalidProtocolBufferException {
        GetState req = GetState.parseFrom(msg.getPayload());
        ByteString value;
        if (req.getCollection().isEmpty()) {
            value = ctx.simulator().getState(ctx.namespace(), req.getKey());
        } else {
            checkReadable(ctx, req.getCollection());
            value = ctx.simulator().getPrivateData(ctx.namespace(), req.getCollection(), req.getKey());
        }
        return orEmpty(value);
    }

    private ByteString putState(ChaincodeMessage msg, TransactionContext ctx) throws InvalidProtocolBufferException {
        PutState req = PutState.parseFrom(msg.getPayload());
        if (req.getCollection().isEmpty()) {
            ctx.simulator().setState(ctx.namespace(), req.getKey(), req.getValue());
        } else {
            checkWritable(ctx, req.getCollection());
            ctx.simulator().setPrivateData(ctx.namespace(), req.getCollection(), req.getKey(), req.getValue());
        }
        return ByteString.EMPTY;
    }

    private ByteString delState(ChaincodeMessage msg, TransactionContext ctx) throws InvalidProtocolBufferException {
        DelState req = DelState.parseFrom(msg.getPayload());
        if (req.getCollection().isEmpty()) {
            ctx.simulator().deleteState(ctx.namespace(), req.getKey());
        } else {
            checkWritable(ctx, req.getCollection());
            ctx.simulator().deletePrivateData(ctx.namespace(), req.getCollection(), req.getKey());
        }
        return ByteString.EMPTY;
    }

    /** No permission check, as Fabric: every channel member's peer has the hashes. */
    private ByteString getPrivateDataHash(ChaincodeMessage msg, TransactionContext ctx)
            throws InvalidProtocolBufferException {
        GetState req = GetState.parseFrom(msg.getPayload());
        ctx.validateCollectionName(req.getCollection());
        return orEmpty(ctx.simulator().getPrivateDataHash(ctx.namespace(), req.getCollection(), req.getKey()));
    }

    /** The payload is a {@code DelState}, as the shims send it. */
    private ByteString purgePrivateData(ChaincodeMessage msg, TransactionContext ctx)
            throws InvalidProtocolBufferException {
        if (!applicationCapabilities(msg, ctx).purgePvtData()) {
            throw new IllegalStateException("purge private data is not enabled, channel application capability of "
                    + "V2_5 or later is required");
        }
        DelState req = DelState.parseFrom(msg.getPayload());
        if (req.getCollection().isEmpty()) {
            throw new IllegalStateException("only applicable for private data");
        }
        checkWritable(ctx, req.getCollection());
        ctx.simulator().purgePrivateData(ctx.namespace(), req.getCollection(), req.getKey());
        return ByteString.EMPTY;
    }

    private ByteString getStateMetadata(ChaincodeMessage msg, TransactionContext ctx)
            throws InvalidProtocolBufferException {
        checkMetadataCapability(msg, ctx);
        GetStateMetadata req = GetStateMetadata.parseFrom(msg.getPayload());
        Map<String, ByteString> metadata;
        if (req.getCollection().isEmpty()) {
            metadata = ctx.simulator().getStateMetadata(ctx.namespace(), req.getKey());
        } else {
            checkReadable(ctx, req.getCollection());
            metadata = ctx.simulator().getPrivateDataMetadata(ctx.namespace(), req.getCollection(), req.getKey());
        }
        StateMetadataResult.Builder result = StateMetadataResult.newBuilder();
        if (metadata != null) {
            new TreeMap<>(metadata).forEach((name, value) -> result.addEntries(
                    StateMetadata.newBuilder().setMetakey(name).setValue(value)));
        }
        return result.build().toByteString();
    }

    /** Sets one metadata entry (the shims send {@code VALIDATION_PARAMETER}, a key-level endorsement policy). */
    private ByteString putStateMetadata(ChaincodeMessage msg, TransactionContext ctx)
            throws InvalidProtocolBufferException {
        checkMetadataCapability(msg, ctx);
        PutStateMetadata req = PutStateMetadata.parseFrom(msg.getPayload());
        Map<String, ByteString> metadata = Map.of(req.getMetadata().getMetakey(), req.getMetadata().getValue());
        if (req.getCollection().isEmpty()) {
            ctx.simulator().setStateMetadata(ctx.namespace(), req.getKey(), metadata);
        } else {
            checkWritable(ctx, req.getCollection());
            ctx.simulator().setPrivateDataMetadata(ctx.namespace(), req.getCollection(), req.getKey(), metadata);
        }
        return ByteString.EMPTY;
    }

    private static void checkMetadataCapability(ChaincodeMessage msg, TransactionContext ctx) {
        if (!applicationCapabilities(msg, ctx).keyLevelEndorsement()) {
            throw new IllegalStateException("key level endorsement is not enabled, channel application capability of "
                    + "V1_3 or later is required");
        }
    }

    private static Capabilities applicationCapabilities(ChaincodeMessage msg, TransactionContext ctx) {
        return ctx.collections().channel().flatMap(ChannelConfig::application).map(ApplicationConfig::capabilities)
                .orElseThrow(() -> new IllegalStateException("application config does not exist for "
                        + msg.getChannelId()));
    }

    /** Fabric's {@code errorIfCreatorHasNoReadPermission}, then the ledger's collection-name check. */
    private static void checkReadable(TransactionContext ctx, String collection) {
        if (!ctx.permission(collection).read()) {
            throw new IllegalStateException("tx creator does not have read access permission on privatedata in "
                    + "chaincodeName:" + ctx.namespace() + " collectionName: " + collection);
        }
        ctx.validateCollectionName(collection);
    }

    /** Fabric's {@code errorIfCreatorHasNoWritePermission}, then the ledger's collection-name check. */
    private static void checkWritable(TransactionContext ctx, String collection) {
        if (!ctx.permission(collection).write()) {
            throw new IllegalStateException("tx creator does not have write access permission on privatedata in "
                    + "chaincodeName:" + ctx.namespace() + " collectionName: " + collection);
        }
        ctx.validateCollectionName(collection);
    }

    private static ByteString orEmpty(ByteString value) {
        return value == null ? ByteString.EMPTY : value;
    }

    // ---- queries (Fabric's HandleGetStateByRange, HandleGetQueryResult, HandleQueryStateNext,
    // HandleQueryStateClose, HandleGetHistoryForKey and QueryResponseGenerator)

    /** With a collection: private keys, never paginated, only in a read-only transaction (the ledger's rule). */
    private ByteString getStateByRange(ChaincodeMessage msg, TransactionContext ctx)
            throws InvalidProtocolBufferException {
        GetStateByRange req = GetStateByRange.parseFrom(msg.getPayload());
        QueryMetadata metadata = QueryMetadata.parseFrom(req.getMetadata());
        int limit = totalReturnLimit(metadata);
        String id = UUID.randomUUID().toString();
        String ns = ctx.namespace();
        if (!req.getCollection().isEmpty()) {
            checkReadable(ctx, req.getCollection());
            return startQuery(ctx, id, ctx.simulator().getPrivateDataRangeScanIterator(ns, req.getCollection(),
                    req.getStartKey(), req.getEndKey()), false, limit);
        }
        if (isPaginated(metadata)) {
            String start = metadata.getBookmark().isEmpty() ? req.getStartKey() : metadata.getBookmark();
            return startQuery(ctx, id, ctx.simulator().getStateRangeScanIteratorWithPagination(ns, start,
                    req.getEndKey(), metadata.getPageSize()), true, limit);
        }
        return startQuery(ctx, id, ctx.simulator().getStateRangeScanIterator(ns, req.getStartKey(), req.getEndKey()),
                false, limit);
    }

    /** Rich queries: the LevelDB state database refuses them with Fabric's messages. */
    private ByteString getQueryResult(ChaincodeMessage msg, TransactionContext ctx)
            throws InvalidProtocolBufferException {
        String id = UUID.randomUUID().toString();
        GetQueryResult req = GetQueryResult.parseFrom(msg.getPayload());
        QueryMetadata metadata = QueryMetadata.parseFrom(req.getMetadata());
        int limit = totalReturnLimit(metadata);
        String ns = ctx.namespace();
        if (!req.getCollection().isEmpty()) {
            checkReadable(ctx, req.getCollection());
            return startQuery(ctx, id, ctx.simulator().executeQueryOnPrivateData(ns, req.getCollection(),
                    req.getQuery()), false, limit);
        }
        if (isPaginated(metadata)) {
            return startQuery(ctx, id, ctx.simulator().executeQueryWithPagination(ns, req.getQuery(),
                    metadata.getBookmark(), metadata.getPageSize()), true, limit);
        }
        return startQuery(ctx, id, ctx.simulator().executeQuery(ns, req.getQuery()), false, limit);
    }

    private static boolean isPaginated(QueryMetadata metadata) {
        return metadata.getPageSize() != 0 || !metadata.getBookmark().isEmpty();
    }

    private ByteString queryStateNext(ChaincodeMessage msg, TransactionContext ctx)
            throws InvalidProtocolBufferException {
        QueryStateNext req = QueryStateNext.parseFrom(msg.getPayload());
        TransactionContext.QueryContext q = ctx.query(req.getId());
        if (q == null) {
            throw new IllegalStateException("query iterator not found");
        }
        return batch(ctx, req.getId(), q, false, totalQueryLimit).toByteString();
    }

    private ByteString queryStateClose(ChaincodeMessage msg, TransactionContext ctx)
            throws InvalidProtocolBufferException {
        QueryStateClose req = QueryStateClose.parseFrom(msg.getPayload());
        ctx.cleanup(req.getId());
        return QueryResponse.newBuilder().setHasMore(false).setId(req.getId()).build().toByteString();
    }

    private ByteString getHistoryForKey(ChaincodeMessage msg, TransactionContext ctx)
            throws InvalidProtocolBufferException {
        if (ctx.history() == null) {
            throw new IllegalStateException("history database is not enabled");
        }
        String id = UUID.randomUUID().toString();
        GetHistoryForKey req = GetHistoryForKey.parseFrom(msg.getPayload());
        return startQuery(ctx, id, ctx.history().getHistoryForKey(ctx.namespace(), req.getKey()), false,
                totalQueryLimit);
    }

    private ByteString startQuery(TransactionContext ctx, String id, ResultsIterator<? extends MessageLite> it,
            boolean paginated, int limit) {
        TransactionContext.QueryContext q = ctx.openQuery(id, it);
        try {
            return batch(ctx, id, q, paginated, limit).toByteString();
        } catch (RuntimeException e) {
            ctx.cleanup(id);
            throw e;
        }
    }

    private int totalReturnLimit(QueryMetadata metadata) {
        int pageSize = metadata.getPageSize();
        return pageSize > 0 && pageSize < totalQueryLimit ? pageSize : totalQueryLimit;
    }

    /** Fabric's {@code BuildQueryResponse}: the next batch of at most {@value #MAX_RESULT_LIMIT} results. */
    private static QueryResponse batch(TransactionContext ctx, String id, TransactionContext.QueryContext q,
            boolean paginated, int limit) {
        while (q.returned < limit) {
            MessageLite result;
            try {
                result = q.iterator.next();
            } catch (RuntimeException e) {
                ctx.cleanup(id);
                throw e;
            }
            if (result == null) {
                break;
            }
            QueryResultBytes bytes = QueryResultBytes.newBuilder().setResultBytes(result.toByteString()).build();
            if (!paginated && q.pending.size() == MAX_RESULT_LIMIT) {
                List<QueryResultBytes> cut = new ArrayList<>(q.pending);
                q.pending.clear();
                q.pending.add(bytes);
                q.returned++;
                return QueryResponse.newBuilder().addAllResults(cut).setHasMore(true).setId(id).build();
            }
            q.pending.add(bytes);
            q.returned++;
        }
        QueryResponse.Builder resp = QueryResponse.newBuilder().addAllResults(q.pending).setHasMore(false).setId(id);
        q.pending.clear();
        if (paginated) {
            String bookmark = ctx.cleanupWithBookmark(id);
            resp.setMetadata(QueryResponseMetadata.newBuilder().setFetchedRecordsCount(q.returned)
                    .setBookmark(bookmark).build().toByteString());
        } else {
            ctx.cleanup(id);
        }
        return resp.build();
    }

    // ---- execution

    /**
     * Fabric's {@code Handler.Execute}: sends {@code type} (TRANSACTION, or INIT for a chaincode's initialization) and
     * serves the chaincode's state requests against {@code simulator} in namespace {@code namespace}, and
     * GET_HISTORY_FOR_KEY from {@code history} (null: history is not enabled), until its COMPLETED or ERROR. No thread
     * waits meanwhile: the stage completes on the thread that receives the answer. The queries the chaincode left
     * open are closed when the transaction ends.
     *
     * @return the COMPLETED or ERROR message, or a {@link ChaincodeException}: {@value #ERROR_EXECUTION_TIMEOUT},
     *         {@value #ERROR_STREAM_TERMINATED}, or {@code txid: <txid>(<channel>) exists}
     */
    public CompletableFuture<ChaincodeMessage> executeAsync(ChaincodeMessage.Type type, String channelId, String txId,
            String namespace, ChaincodeInput input, SignedProposal proposal, TxSimulator simulator,
            HistoryQueryExecutor history, long timeoutMillis) {
        String key = key(channelId, txId);
        TransactionContext ctx = new TransactionContext(channelId, namespace, simulator, history, proposal, channels);
        if (contexts.putIfAbsent(key, ctx) != null) {
            return CompletableFuture.failedFuture(new ChaincodeException("txid: " + txId + "(" + channelId + ") exists"));
        }
        CompletableFuture<ChaincodeMessage> answer = ctx.response();
        // the context goes as the answer comes, whoever completes it (chaincode, timeout, stream end)
        answer.whenComplete((m, t) -> {
            contexts.remove(key, ctx);
            if (t == null && !ctx.hasOpenQueries()) {
                // the chaincode answered after every request of the transaction was answered: none is in flight
                return;
            }
            try {
                serial.execute(ctx::closeQueries);
            } catch (RejectedExecutionException e) {
                ctx.closeQueries();
            }
        });
        try {
            if (closed) {
                throw new ChaincodeException(ERROR_STREAM_TERMINATED);
            }
            ChaincodeMessage.Builder msg = ChaincodeMessage.newBuilder().setType(type)
                    .setPayload(input.toByteString()).setTxid(txId).setChannelId(channelId);
            if (proposal != null) {
                msg.setProposal(proposal);
            }
            // sent from the caller's thread: the stream is guarded by its lock, and a hop would cost a wake-up
            sendFromCaller(msg.build());
        } catch (ChaincodeException e) {
            answer.completeExceptionally(e);
            return answer;
        }
        return answer.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).exceptionallyCompose(Handler::asChaincodeFailure);
    }

    /** A stage's failure without the CompletionExceptions around it. */
    public static Throwable cause(Throwable t) {
        Throwable cause = t;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static CompletableFuture<ChaincodeMessage> asChaincodeFailure(Throwable t) {
        Throwable cause = cause(t);
        return CompletableFuture.failedFuture(cause instanceof TimeoutException
                ? new ChaincodeException(ERROR_EXECUTION_TIMEOUT)
                : cause instanceof ChaincodeException c ? c : new ChaincodeException(String.valueOf(cause.getMessage())));
    }

    /**
     * Waits for a chaincode's answer (an {@link #executeAsync} stage always ends, by its timeout at the latest),
     * marked {@link Blocking}; its failure as thrown: a runtime exception as it is, anything else as a
     * {@link ChaincodeException}.
     */
    public static ChaincodeMessage await(CompletableFuture<ChaincodeMessage> answer) {
        try {
            return Blocking.get(answer);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new ChaincodeException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaincodeException("interrupted while executing transaction");
        }
    }

    // ---- outbound and shutdown

    /** Sends KEEPALIVE (when {@code chaincode.keepalive} > 0); the chaincode need not answer. */
    void keepalive() {
        serial.execute(() -> send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.KEEPALIVE).build()));
    }

    /** Ends the stream from the peer's side (for shutdown), failing the transactions in flight. */
    void close() {
        serial.execute(() -> terminate(Status.UNAVAILABLE.withDescription("peer is shutting down")));
    }

    /** As {@link #send}, off the serial executor: a failed stream is ended there. */
    private void sendFromCaller(ChaincodeMessage msg) {
        if (closed) {
            throw new ChaincodeException(ERROR_STREAM_TERMINATED);
        }
        try {
            synchronized (out) {
                out.onNext(msg);
            }
        } catch (RuntimeException e) {
            LOG.error("[{}] error sending {}: {}", shortTxid(msg.getTxid()), msg.getType(), e.toString());
            serial.execute(() -> terminate(null));
            throw new ChaincodeException(ERROR_STREAM_TERMINATED);
        }
    }

    private void send(ChaincodeMessage msg) {
        if (closed) {
            return;
        }
        try {
            synchronized (out) {
                out.onNext(msg);
            }
        } catch (RuntimeException e) {
            LOG.error("[{}] error sending {}: {}", shortTxid(msg.getTxid()), msg.getType(), e.toString());
            terminate(null);
        }
    }

    /** Ends the stream (status null: it is already gone), deregisters, fails the transactions in flight. */
    private void terminate(Status status) {
        if (closed) {
            return;
        }
        closed = true;
        terminated.complete(null);
        registry.deregister(this);
        if (chaincodeId != null) {
            LOG.info("chaincode {} deregistered", chaincodeId);
        }
        contexts.values().forEach(c -> c.response().completeExceptionally(new ChaincodeException(ERROR_STREAM_TERMINATED)));
        if (status != null) {
            try {
                synchronized (out) {
                    if (status.isOk()) {
                        out.onCompleted();
                    } else {
                        out.onError(status.asRuntimeException());
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("chaincode stream already closed: {}", e.toString());
            }
        }
    }

    private static String key(String channelId, String txId) {
        return channelId + txId;
    }

    private static String shortTxid(String txid) {
        return txid.length() < 8 ? txid : txid.substring(0, 8);
    }
}
