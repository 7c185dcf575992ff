package io.weft.orderer.node;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;

/**
 * A {@code multipart/form-data} body read as Go's {@code multipart.Reader.ReadForm} reads it: parts with a file name
 * are files, the others values; the last part of a name wins.
 */
record MultipartForm(Map<String, byte[]> files, Map<String, String> values) {

    /** The body could not be read as a form. */
    static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;

        FormException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static MultipartForm parse(String contentType, byte[] body) throws FormException {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpPostRequestDecoder decoder = null;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request);
            Map<String, byte[]> files = new LinkedHashMap<>();
            Map<String, String> values = new LinkedHashMap<>();
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof FileUpload file) {
                    files.put(file.getName(), file.get());
                } else if (data instanceof Attribute attribute) {
                    values.put(attribute.getName(), attribute.getValue());
                }
            }
            return new MultipartForm(Map.copyOf(files), Map.copyOf(values));
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException | IOException | IllegalArgumentException e) {
            throw new FormException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            if (decoder != null) {
                decoder.destroy();
            }
            request.release();
        }
    }
}
