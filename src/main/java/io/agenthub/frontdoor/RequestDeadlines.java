package io.agenthub.frontdoor;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of one HTTP/1.1 connection, kept by two Netty handlers around the server's decoder: the
 * bytes side sees a request's first byte, the request side sees its decoded head and end, and the answer
 * going out. Netty runs both on the connection's event loop, so the state needs no locking.
 *
 * <pre>
 * WAITING --first byte--&gt; HEAD --head decoded--&gt; BODY --end of body--&gt; SERVING --answer written--&gt; WAITING
 *            (idle timeout)     (header deadline)      (body deadline)    (the hub's own time)
 * </pre>
 * While a deadline runs or the hub is serving, the server's idle timeout is held back: it is for a connection
 * that waits for a request, and must not cut off an answer the hub is still working on.
 */
final class RequestDeadlines {

    private enum Phase { WAITING, HEAD, BODY, SERVING }

    private final long headerMillis;
    private final long bodyMillis;
    private Phase phase = Phase.WAITING;
    private int inFlight;
    private ScheduledFuture<?> requestDeadline;
    private ScheduledFuture<?> answerDeadline;

    RequestDeadlines(long headerMillis, long bodyMillis) {
        this.headerMillis = headerMillis;
        this.bodyMillis = bodyMillis;
    }

    ChannelHandler bytesSide() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (phase == Phase.WAITING) {
                    phase = Phase.HEAD;
                    requestDeadline = arm(ctx, headerMillis, requestDeadline);
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                requestDeadline = cancel(requestDeadline);
                answerDeadline = cancel(answerDeadline);
                super.channelInactive(ctx);
            }
        };
    }

    ChannelHandler requestSide() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof HttpRequest) {
                    inFlight++;
                    phase = Phase.BODY;
                    requestDeadline = arm(ctx, bodyMillis, requestDeadline);
                }
                if (msg instanceof LastHttpContent) {
                    phase = Phase.SERVING;
                    requestDeadline = cancel(requestDeadline);
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                if (msg instanceof LastHttpContent) {
                    // the client must also take the answer in time; then the connection waits for the next request
                    answerDeadline = arm(ctx, bodyMillis, answerDeadline);
                    ChannelPromise written = promise.unvoid();
                    written.addListener(done -> answered());
                    super.write(ctx, msg, written);
                    return;
                }
                super.write(ctx, msg, promise);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
                if (event instanceof IdleStateEvent && phase != Phase.WAITING) {
                    return;
                }
                super.userEventTriggered(ctx, event);
            }
        };
    }

    private void answered() {
        answerDeadline = cancel(answerDeadline);
        inFlight = Math.max(0, inFlight - 1);
        if (inFlight == 0 && phase == Phase.SERVING) {
            phase = Phase.WAITING;
        }
    }

    private static ScheduledFuture<?> arm(ChannelHandlerContext ctx, long millis, ScheduledFuture<?> previous) {
        cancel(previous);
        return ctx.executor().schedule(() -> ctx.channel().close(), millis, TimeUnit.MILLISECONDS);
    }

    private static ScheduledFuture<?> cancel(ScheduledFuture<?> deadline) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        return null;
    }
}
