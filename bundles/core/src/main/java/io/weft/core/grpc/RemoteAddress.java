package io.weft.core.grpc;

import java.net.SocketAddress;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** The client address of the gRPC call being served, for log lines and handler contexts. */
public final class RemoteAddress implements ServerInterceptor {

    private static final Context.Key<String> KEY = Context.key("weft-remote-address");

    /** The current call's client as {@code host:port}, or {@code unknown} outside a call. */
    public static String current() {
        String address = KEY.get();
        return address == null ? "unknown" : address;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String text = remote == null ? "unknown" : remote.toString().replaceFirst("^[^/]*/", "");
        return Contexts.interceptCall(Context.current().withValue(KEY, text), call, headers, next);
    }
}
