package io.weft.runtime.cli.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A gRPC failure as Go's gRPC prints it ({@code rpc error: code = Unknown desc = …}), which scripts match on. */
public final class RpcErrors {

    private RpcErrors() {
    }

    public static String describe(StatusRuntimeException e) {
        Status s = e.getStatus();
        return "rpc error: code = " + goName(s.getCode()) + " desc = " + (s.getDescription() == null ? "" : s.getDescription());
    }

    /** Go's {@code codes.Code.String()}: {@code INVALID_ARGUMENT} → {@code InvalidArgument}. */
    static String goName(Status.Code code) {
        if (code == Status.Code.OK) {
            return "OK";
        }
        StringBuilder b = new StringBuilder();
        for (String part : code.name().split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }
}
