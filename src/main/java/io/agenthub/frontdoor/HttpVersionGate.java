package io.agenthub.frontdoor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemType;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;


/**
 * Answers a request line of an HTTP version the server does not speak (HTTP/9.9, the HTTP/2 preface on this
 * HTTP/1.1 port) with a 400 problem and closes the connection. Vert.x would answer 501, a server error, for
 * what is the caller's mistake; a hostile byte never earns a 5xx.
 */
@ChannelHandler.Sharable
final class HttpVersionGate extends ChannelInboundHandlerAdapter {

    /** Holds no state: one instance serves every connection, and the answer is written once. */
    static final HttpVersionGate INSTANCE = new HttpVersionGate();

    private final byte[] problem;

    private HttpVersionGate() {
        try {
            problem = new ObjectMapper().writeValueAsBytes(
                    Problem.of(ProblemType.MALFORMED_REQUEST_LINE, "Speak HTTP/1.1 to this server."));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the problem", e);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request && !spoken(request.protocolVersion())) {
            ReferenceCountUtil.release(msg);
            FullHttpResponse refusal = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                    Unpooled.wrappedBuffer(problem));
            refusal.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, problem.length)
                    .set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        super.channelRead(ctx, msg);
    }

    private static boolean spoken(HttpVersion version) {
        return version.majorVersion() == 1 && (version.minorVersion() == 0 || version.minorVersion() == 1);
    }
}
