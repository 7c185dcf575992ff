package io.weft.core.chaincode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * A tiny chaincode on the real Java shim: {@code put k v}, {@code get k}, {@code del k}, {@code hang} (sleeps a
 * minute), {@code fail} (throws); any other function answers status 500 {@code Unknown function <fn>}. {@code main} runs it in its own JVM.
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
            case "fail":
                throw new IllegalStateException("failing as asked");
            default:
                return newErrorResponse("Unknown function " + fn);
        }
    }

    public static void main(String[] args) throws Exception {
        new KvChaincode().start(args);
        Thread.sleep(Long.MAX_VALUE);
    }
}
