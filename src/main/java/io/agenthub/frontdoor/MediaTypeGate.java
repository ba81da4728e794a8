package io.agenthub.frontdoor;

import io.agenthub.api.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.function.BiConsumer;

/**
 * Refuses a body the hub does not read (a form, text, XML, ...) with 415 before the server reads or parses any
 * of it. Otherwise Vert.x decodes a form into fields and Camel makes each one a message header, so a JSON body
 * posted as a form became a "header name" whose refusal was logged, body and all; and a GET that claimed a
 * form body failed inside Vert.x's body handler with a 500. A request of any method that names a media type
 * must name JSON; a POST, PUT or PATCH that carries a body must name one (an empty POST, such as a dead
 * letter's replay, carries nothing to read).
 */
final class MediaTypeGate implements Handler<RoutingContext> {

    private final BiConsumer<RoutingContext, Problem> reply;

    MediaTypeGate(BiConsumer<RoutingContext, Problem> reply) {
        this.reply = reply;
    }

    @Override
    public void handle(RoutingContext rc) {
        HttpMethod method = rc.request().method();
        boolean hasBody = (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH)
                && (rc.request().getHeader("Transfer-Encoding") != null || !isZero(rc.request().getHeader("Content-Length")));
        String contentType = rc.request().getHeader("Content-Type");
        if ((hasBody || contentType != null) && !HttpIngressGuard.isJson(contentType)) {
            reply.accept(rc, HttpIngressGuard.unsupported(contentType));
            return;
        }
        rc.next();
    }

    /** HTTP/1.1 reads no body when neither a length nor chunks are announced. */
    private static boolean isZero(String contentLength) {
        return contentLength == null || contentLength.trim().equals("0");
    }
}
