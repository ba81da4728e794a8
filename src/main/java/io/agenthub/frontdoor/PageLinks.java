package io.agenthub.frontdoor;

import io.agenthub.api.Page;
import org.apache.camel.Exchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Answers a {@link Page} the way every list of the hub is paged: the items as the body (a JSON array), and the next
 * page's address in an RFC 8288 {@code Link} header, the request's own query with {@code after} replaced.
 */
public final class PageLinks {

    public void answer(Exchange exchange, Page<?> page) {
        exchange.getMessage().setBody(page.items());
        if (page.next() != null) {
            String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
            String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
            String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
            StringBuilder next = new StringBuilder(uri == null ? (path == null ? "" : path) : uri.split("\\?")[0]).append('?');
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (!pair.isEmpty() && !pair.startsWith("after=")) {
                        next.append(pair).append('&');
                    }
                }
            }
            next.append("after=").append(URLEncoder.encode(page.next(), StandardCharsets.UTF_8));
            exchange.getMessage().setHeader("Link", "<" + next + ">; rel=\"next\"");
        }
    }
}
