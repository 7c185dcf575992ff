package io.weft.comm;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A small HTTP/1.1 server on Netty (Fabric's {@code fabhttp}): one event loop, requests answered by {@link Routes} on a
 * small pool of its own (never on the event loop), TLS as Fabric's operations and admin endpoints have it
 * ({@link TlsContexts#httpServer}). The peer's operations endpoint and the orderer's admin endpoint use it.
 */
public final class HttpListener {

    /**
     * A request as routes see it.
     *
     * @param method the HTTP method
     * @param uri the request target (path and query)
     * @param headers the request headers, names in lower case (the last value of a repeated header)
     * @param body the whole body
     * @param verifiedClientCertificate whether the client presented a certificate the TLS layer verified
     */
    public record Request(String method, String uri, Map<String, String> headers, byte[] body,
            boolean verifiedClientCertificate) {
        public Request {
            requireNonNull(method, "method");
            requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            requireNonNull(body, "body");
        }

        /** The path without the query. */
        public String path() {
            int q = uri.indexOf('?');
            return q < 0 ? uri : uri.substring(0, q);
        }

        /** A header by name (any case), or empty. */
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
        }
    }

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param headers response headers (content length is added)
     * @param body the body
     */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public Answer {
            headers = Map.copyOf(headers);
            requireNonNull(body, "body");
        }
    }

    /** What the listener serves. Called on the listener's pool; may block briefly. */
    @FunctionalInterface
    public interface Routes {
        Answer answer(Request request);
    }

    private final NioEventLoopGroup group;
    private final ExecutorService executor;
    private final Channel channel;

    private HttpListener(NioEventLoopGroup group, ExecutorService executor, Channel channel) {
        this.group = group;
        this.executor = executor;
        this.channel = channel;
    }

    /**
     * Binds {@code listen} and serves {@code routes}; bodies above {@code maxBody} bytes are refused (413) before
     * routing.
     *
     * @param threadPrefix names the threads ({@code <prefix>-io}, {@code <prefix>})
     * @throws IOException when TLS cannot be set up or the address cannot be bound
     */
    public static HttpListener start(HostPort listen, TlsSettings tls, int maxBody, String threadPrefix, Routes routes)
            throws IOException {
        SslContext ssl = tls.enabled() ? TlsContexts.httpServer(tls) : null;
        NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory(threadPrefix + "-io", true));
        ExecutorService executor = Executors.newFixedThreadPool(2, new DefaultThreadFactory(threadPrefix, true));
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (ssl != null) {
                                ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                            }
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(maxBody),
                                    new Handler(routes, executor));
                        }
                    })
                    .bind(listen.socketAddress()).syncUninterruptibly().channel();
            return new HttpListener(group, executor, channel);
        } catch (RuntimeException e) {
            stopThreads(group, executor);
            throw new IOException(e.getMessage(), e);
        }
    }

    /** {@code listen} with the port actually bound. */
    public HostPort bound(HostPort listen) {
        return listen.withPort(((InetSocketAddress) channel.localAddress()).getPort());
    }

    /** Closes the listener and stops its threads. */
    public void stop() {
        channel.close().syncUninterruptibly();
        stopThreads(group, executor);
    }

    private static void stopThreads(NioEventLoopGroup group, ExecutorService executor) {
        executor.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Routes routes;
        private final ExecutorService executor;

        Handler(Routes routes, ExecutorService executor) {
            this.routes = routes;
            this.executor = executor;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
            Map<String, String> headers = new java.util.HashMap<>();
            msg.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
            Request request = new Request(msg.method().name(), msg.uri(), headers, ByteBufUtil.getBytes(msg.content()),
                    hasVerifiedClientCertificate(ctx));
            boolean keepAlive = HttpUtil.isKeepAlive(msg);
            executor.execute(() -> {
                Answer answer;
                try {
                    answer = routes.answer(request);
                } catch (RuntimeException e) {
                    answer = new Answer(500, Map.of(), new byte[0]);
                }
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
                answer.headers().forEach(response.headers()::set);
                HttpUtil.setContentLength(response, answer.body().length);
                HttpUtil.setKeepAlive(response, keepAlive);
                var future = ctx.writeAndFlush(response);
                if (!keepAlive) {
                    future.addListener(ChannelFutureListener.CLOSE);
                }
            });
        }

        private static boolean hasVerifiedClientCertificate(ChannelHandlerContext ctx) {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (ssl == null) {
                return false;
            }
            try {
                return ssl.engine().getSession().getPeerCertificates().length > 0;
            } catch (SSLPeerUnverifiedException e) {
                return false;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
