package io.weft.core.grpc;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Hands a call's TLS client certificate to the service, which sees only the stream: the chaincode authenticator
 * checks a registering chaincode against it, Deliver binds an envelope's TLS certificate hash to it (Fabric reads it
 * from the stream's peer info).
 */
public final class ClientCertificateInterceptor implements ServerInterceptor {

    /** The leaf certificate the caller presented; absent without TLS or without a client certificate. */
    public static final Context.Key<X509Certificate> CLIENT_CERTIFICATE = Context.key("weft-client-certificate");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        X509Certificate certificate = leaf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        if (certificate == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(CLIENT_CERTIFICATE, certificate), call, headers,
                next);
    }

    private static X509Certificate leaf(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
