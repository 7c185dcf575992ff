package io.weft.core.chaincode;

import java.nio.charset.StandardCharsets;
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
 * A tiny chaincode on the real Java shim: {@code put k v}, {@code get k}, {@code del k}, {@code hang} (sleeps a
 * minute), {@code fail} (throws); queries answer one {@code key=value} line per result: {@code range start end},
 * {@code rangepage start end size bookmark} (then a line {@code #<fetched count> <bookmark>}),
 * {@code putcomposite type attr1 attr2 value}, {@code composite type attr} (lines {@code attr1/attr2=value}),
 * {@code history key} (lines {@code txid value|deleted}, newest first); any other function answers status 500
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
            case "put":
                stub.putStringState(args.get(0), args.get(1));
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
                try (QueryResultsIterator<KeyValue> it = stub.getStateByRange(args.get(0), args.get(1))) {
                    return newSuccessResponse(lines(it, "").getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
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
            default:
                return newErrorResponse("Unknown function " + fn);
        }
    }

    private static String lines(Iterable<KeyValue> it, String prefix) {
        StringBuilder out = new StringBuilder(prefix);
        for (KeyValue kv : it) {
            out.append(kv.getKey()).append('=').append(kv.getStringValue()).append('\n');
        }
        return out.toString();
    }

    public static void main(String[] args) throws Exception {
        new KvChaincode().start(args);
        Thread.sleep(Long.MAX_VALUE);
    }
}
