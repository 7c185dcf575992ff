package io.weft.core.chaincode;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A tiny chaincode on the real Java shim: {@code put k v}, {@code putevent k v} (also sets the chaincode event
 * {@code stored} with payload {@code k}), {@code get k}, {@code del k}, {@code hang} (sleeps a
 * minute), {@code fail} (throws); queries answer one {@code key=value} line per result: {@code range start end},
 * {@code rangepage start end size bookmark} (then a line {@code #<fetched count> <bookmark>}),
 * {@code putcomposite type attr1 attr2 value}, {@code composite type attr} (lines {@code attr1/attr2=value}),
 * {@code history key} (lines {@code txid value|deleted}, newest first), {@code query q},
 * {@code querypage q size bookmark}; private data: {@code pput coll k v}, {@code pputtransient coll k} (the value is
 * the transient map's entry {@code k}), {@code pget coll k}, {@code pdel coll k}, {@code ppurge coll k},
 * {@code phash coll k} (hex), {@code prange coll start end}, {@code pquery coll q}; key-level endorsement policies
 * in hex: {@code setep k hex}, {@code getep k}, {@code psetep coll k hex}, {@code pgetep coll k};
 * {@code transient k} answers the transient map's entry {@code k}. Any other function answers status 500
 * {@code Unknown function <fn>}. {@code main} runs it in its own JVM.
 */
public final class KvChaincode extends ChaincodeBase {

    @Override
    public Response init(ChaincodeStub stub) {
        return newSuccessResponse();
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        String fn = stub.getFunction();
        List<String> args = stub.getParameters();
        switch (fn) {
            case "call": {
                // [target (name or name/channel), function, args...]: another chaincode in this transaction
                String target = args.get(0);
                int slash = target.indexOf('/');
                Response r = slash < 0 ? stub.invokeChaincodeWithStringArgs(target, args.subList(1, args.size()))
                        : stub.invokeChaincodeWithStringArgs(target.substring(0, slash), args.subList(1, args.size()),
                                target.substring(slash + 1));
                return r.getStatus().getCode() < 400 ? newSuccessResponse("called: " + r.getMessage(), r.getPayload())
                        : newErrorResponse("call failed: " + r.getMessage());
            }
            case "noop":
                return newSuccessResponse();
            case "put":
                stub.putStringState(args.get(0), args.get(1));
                return newSuccessResponse("stored " + args.get(0));
            case "putevent":
                stub.putStringState(args.get(0), args.get(1));
                stub.setEvent("stored", args.get(0).getBytes(StandardCharsets.UTF_8));
                return newSuccessResponse("stored " + args.get(0));
            case "get":
                return newSuccessResponse(stub.getStringState(args.get(0)).getBytes(StandardCharsets.UTF_8));
            case "del":
                stub.delState(args.get(0));
                return newSuccessResponse("deleted " + args.get(0));
            case "hang":
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return newSuccessResponse();
            case "range":
                return linesResponse(stub.getStateByRange(args.get(0), args.get(1)));
            case "rangepage":
                try (QueryResultsIteratorWithMetadata<KeyValue> it = stub.getStateByRangeWithPagination(args.get(0),
                        args.get(1), Integer.parseInt(args.get(2)), args.get(3))) {
                    StringBuilder out = new StringBuilder();
                    for (KeyValue kv : it) {
                        out.append(kv.getKey()).append('=').append(kv.getStringValue()).append('\n');
                    }
                    QueryResponseMetadata md = it.getMetadata();
                    out.append('#').append(md.getFetchedRecordsCount()).append(' ').append(md.getBookmark());
                    return newSuccessResponse(out.toString().getBytes(StandardCharsets.UTF_8));
                }
            case "putcomposite":
                stub.putStringState(stub.createCompositeKey(args.get(0), args.get(1), args.get(2)).toString(),
                        args.get(3));
                return newSuccessResponse("stored");
            case "composite":
                try (QueryResultsIterator<KeyValue> it = stub.getStateByPartialCompositeKey(args.get(0), args.get(1))) {
                    StringBuilder out = new StringBuilder();
                    for (KeyValue kv : it) {
                        CompositeKey key = stub.splitCompositeKey(kv.getKey());
                        out.append(String.join("/", key.getAttributes())).append('=').append(kv.getStringValue())
                                .append('\n');
                    }
                    return newSuccessResponse(out.toString().getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            case "history":
                try (QueryResultsIterator<KeyModification> it = stub.getHistoryForKey(args.get(0))) {
                    StringBuilder out = new StringBuilder();
                    for (KeyModification m : it) {
                        out.append(m.getTxId()).append(' ').append(m.isDeleted() ? "deleted" : m.getStringValue())
                                .append('\n');
                    }
                    return newSuccessResponse(out.toString().getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            case "fail":
                throw new IllegalStateException("failing as asked");
            case "query":
                return linesResponse(stub.getQueryResult(args.get(0)));
            case "querypage":
                return linesResponse(stub.getQueryResultWithPagination(args.get(0), Integer.parseInt(args.get(1)),
                        args.get(2)));
            default:
                return privateData(stub, fn, args);
        }
    }

    private Response privateData(ChaincodeStub stub, String fn, List<String> args) {
        switch (fn) {
            case "pput":
                stub.putPrivateData(args.get(0), args.get(1), args.get(2).getBytes(StandardCharsets.UTF_8));
                return newSuccessResponse("stored " + args.get(1));
            case "pputtransient":
                stub.putPrivateData(args.get(0), args.get(1), stub.getTransient().get(args.get(1)));
                return newSuccessResponse("stored " + args.get(1));
            case "pget":
                return newSuccessResponse(orEmpty(stub.getPrivateData(args.get(0), args.get(1))));
            case "pdel":
                stub.delPrivateData(args.get(0), args.get(1));
                return newSuccessResponse("deleted " + args.get(1));
            case "ppurge":
                stub.purgePrivateData(args.get(0), args.get(1));
                return newSuccessResponse("purged " + args.get(1));
            case "phash":
                return hexResponse(stub.getPrivateDataHash(args.get(0), args.get(1)));
            case "prange":
                return linesResponse(stub.getPrivateDataByRange(args.get(0), args.get(1), args.get(2)));
            case "pquery":
                return linesResponse(stub.getPrivateDataQueryResult(args.get(0), args.get(1)));
            case "setep":
                stub.setStateValidationParameter(args.get(0), HexFormat.of().parseHex(args.get(1)));
                return newSuccessResponse("set " + args.get(0));
            case "getep":
                return hexResponse(stub.getStateValidationParameter(args.get(0)));
            case "psetep":
                stub.setPrivateDataValidationParameter(args.get(0), args.get(1), HexFormat.of().parseHex(args.get(2)));
                return newSuccessResponse("set " + args.get(1));
            case "pgetep":
                return hexResponse(stub.getPrivateDataValidationParameter(args.get(0), args.get(1)));
            case "transient":
                return newSuccessResponse(orEmpty(stub.getTransient().get(args.get(0))));
            default:
                return newErrorResponse("Unknown function " + fn);
        }
    }

    /** The payload is the value in hex ({@code newSuccessResponse(String)} would set the message). */
    private static Response hexResponse(byte[] value) {
        return newSuccessResponse(HexFormat.of().formatHex(orEmpty(value)).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] orEmpty(byte[] value) {
        return value == null ? new byte[0] : value;
    }

    /** One {@code key=value} line per result; the iterator is closed. */
    private static <I extends Iterable<KeyValue> & AutoCloseable> Response linesResponse(I it) {
        try (it) {
            StringBuilder out = new StringBuilder();
            for (KeyValue kv : it) {
                out.append(kv.getKey()).append('=').append(kv.getStringValue()).append('\n');
            }
            return newSuccessResponse(out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** This chaincode as a chaincode server (Fabric's chaincode as a service) on {@code port}, registering as {@code id}. */
    public static org.hyperledger.fabric.shim.ChaincodeServer server(String id, int port) throws Exception {
        KvChaincode kv = new KvChaincode();
        kv.processEnvironmentOptions();
        kv.processCommandLineOptions(new String[] {"-i", id});
        // what start() sets up before serving: the config, metrics and traces the shim reads when a peer connects
        java.util.Properties config = kv.getChaincodeConfig();
        org.hyperledger.fabric.metrics.Metrics.initialize(config);
        org.hyperledger.fabric.traces.Traces.initialize(config);
        org.hyperledger.fabric.shim.ChaincodeServerProperties props = new org.hyperledger.fabric.shim.ChaincodeServerProperties();
        props.setServerAddress(new java.net.InetSocketAddress("127.0.0.1", port));
        return new org.hyperledger.fabric.shim.NettyChaincodeServer(kv, props);
    }

    /** {@link #server} started on a daemon thread (the shim's start blocks until the server stops). */
    public static org.hyperledger.fabric.shim.ChaincodeServer serve(String id, int port) throws Exception {
        org.hyperledger.fabric.shim.ChaincodeServer server = server(id, port);
        Thread serving = new Thread(() -> {
            try {
                server.start();
            } catch (Exception e) {
                // stopped
            }
        }, "kv-chaincode-server");
        serving.setDaemon(true);
        serving.start();
        return server;
    }

    public static void main(String[] args) throws Exception {
        new KvChaincode().start(args);
        Thread.sleep(Long.MAX_VALUE);
    }
}
