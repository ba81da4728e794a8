package io.agenthub.frontdoor;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which headers cross an HTTP boundary, for the hub's server ({@code platform-http}) and its connectors
 * ({@code http}). Camel's default strategies copy every message header out, and Vert.x turns every query
 * parameter and form field into a message header, so without this a caller's {@code ?Refresh=...} or
 * {@code Set-Cookie=...} came back as a response header. Here what goes out is a short allow-list of the
 * hub's own headers, and what comes in can never pre-set one of them nor Camel's own ({@code Camel*}).
 */
public final class HttpHeaderPolicy implements HeaderFilterStrategy {

    /** RFC 9110 token: anything else (a JSON body posted as a form field name, say) is no header name. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

    private final Set<String> sent;
    private final Set<String> received;
    private final Set<String> reserved;
    private final boolean firstValueWins;

    private HttpHeaderPolicy(Set<String> sent, Set<String> received, Set<String> reserved, boolean firstValueWins) {
        this.sent = lowerCase(sent);
        this.received = received == null ? null : lowerCase(received);
        this.reserved = lowerCase(reserved);
        this.firstValueWins = firstValueWins;
    }

    /**
     * The hub's HTTP server. Out: only the hub's reply headers (Content-Type and Content-Length are written by
     * the server from the message itself). In: any request header or query parameter the routes may read, except
     * the reply headers, Camel's, and the path parameters; one value per name, the first, so a query parameter
     * never shadows a real header nor turns one into a list.
     */
    public static HttpHeaderPolicy server() {
        // Link: the next page of a list (RFC 8288)
        Set<String> replyHeaders = Set.of(HubHeaders.REQUEST_ID, HubHeaders.JMS_STATUS, HubHeaders.IDEMPOTENT_REPLAYED,
                HubHeaders.RETRY_AFTER, "Location", "Link");
        Set<String> pathParameters = Set.of("requestId", "reviewId");
        return new HttpHeaderPolicy(replyHeaders, null, union(replyHeaders, pathParameters), true);
    }

    /**
     * The hub's calls to back-ends. Out: only what {@code ConnectorRequestWriter} sets for the call. In: only
     * the media type of the answer; a back-end's cookies or redirects never reach a flow.
     */
    public static HttpHeaderPolicy connectors() {
        return new HttpHeaderPolicy(Set.of("Accept", "Authorization", "Idempotency-Key", "X-Request-Id"),
                Set.of("Content-Type"), Set.of(), false);
    }

    /** Camel message to the wire: true filters the header out. */
    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return name == null || !sent.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The wire to the Camel message: true filters the header out. */
    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("camel") || lower.startsWith("org.apache.camel") || reserved.contains(lower)) {
            return true;
        }
        if (received != null && !received.contains(lower)) {
            return true;
        }
        return firstValueWins && exchange != null && exchange.getMessage().getHeader(name) != null;
    }

    private static Set<String> lowerCase(Set<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
    }
}
