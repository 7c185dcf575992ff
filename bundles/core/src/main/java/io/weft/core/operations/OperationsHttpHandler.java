package io.weft.core.operations;

import java.util.concurrent.Executor;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;

/**
 * Hands each HTTP request to {@link OperationsRoutes} on the operations executor (health checks and
 * configuration writes must not run on the event loop) and writes the answer back.
 */
final class OperationsHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final OperationsRoutes routes;
    private final Executor executor;

    OperationsHttpHandler(OperationsRoutes routes, Executor executor) {
        this.routes = routes;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        OperationsRoutes.Request request = new OperationsRoutes.Request(msg.method().name(), msg.uri(),
                ByteBufUtil.getBytes(msg.content()), hasVerifiedClientCertificate(ctx));
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        executor.execute(() -> {
            OperationsRoutes.Answer answer = routes.answer(request);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
            if (!answer.contentType().isEmpty()) {
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            }
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
