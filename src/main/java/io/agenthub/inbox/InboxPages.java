package io.agenthub.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inbox page for people, served by the hub's HTTP server at {@code /inbox/}: {@code index.html}, {@code inbox.js}
 * and {@code inbox.css} from {@code src/main/resources/inbox/}, and {@code config.json} ({@link InboxConfig}).
 * {@code /inbox} redirects to {@code /inbox/}. The files are public: everything the page shows comes from
 * {@code /api/} calls made with the signed-in person's bearer token.
 *
 * <p>A fixed set of files read once at start and answered from memory, rather than Vert.x's StaticHandler: no part
 * of a request's path ever names a file, so there is nothing to traverse and no directory to list, each file has
 * the media type written here, and nothing is looked up in the working directory (StaticHandler's resolver prefers
 * a working directory's {@code inbox/} over the jar's, and copies classpath files to a cache directory).
 *
 * <p>Every answer carries a Content-Security-Policy (scripts, styles and calls from the hub's own origin only, plus
 * the OIDC provider's origin for its discovery document and token endpoint; no inline script; no framing),
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer} (the provider's code is in the
 * page's address when it returns), and {@code Cache-Control: no-cache} with an ETag, so a new version of the page
 * is used at once and an unchanged one costs a 304.
 */
public final class InboxPages implements StartupListener, Handler<RoutingContext> {

    static final String ROOT = "/inbox/";
    private static final String BARE = "/inbox";

    /** A file as it is answered. */
    private record Page(Buffer body, String contentType, String etag) {
    }

    private final Map<String, Page> pages;
    private final String contentSecurityPolicy;

    private InboxPages(Map<String, Page> pages, String contentSecurityPolicy) {
        this.pages = pages;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    /** The page's files from the class path ({@code inbox/}); a missing one stops the hub's start. */
    public static InboxPages load(InboxConfig config, ObjectMapper json) {
        Map<String, Page> pages = new LinkedHashMap<>();
        Page index = page(resource("index.html"), "text/html; charset=utf-8");
        pages.put(ROOT, index);
        pages.put(ROOT + "index.html", index);
        pages.put(ROOT + "inbox.js", page(resource("inbox.js"), "text/javascript; charset=utf-8"));
        pages.put(ROOT + "inbox.css", page(resource("inbox.css"), "text/css; charset=utf-8"));
        try {
            pages.put(ROOT + "config.json", page(json.writeValueAsBytes(config), "application/json"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the inbox's configuration cannot be written as JSON", e);
        }
        return new InboxPages(Map.copyOf(pages), contentSecurityPolicy(config));
    }

    /** The paths answered, for the documentation's sake and the tests'. */
    List<String> paths() {
        return List.copyOf(pages.keySet());
    }

    static String contentSecurityPolicy(InboxConfig config) {
        String provider = config.providerOrigin();
        return "default-src 'self'; " + (provider == null ? "" : "connect-src 'self' " + provider + "; ")
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static byte[] resource(String name) {
        try (InputStream in = InboxPages.class.getClassLoader().getResourceAsStream("inbox/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the inbox page's file inbox/" + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inbox page's file inbox/" + name, e);
        }
    }

    private static Page page(byte[] body, String contentType) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return new Page(Buffer.buffer(body), contentType, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Serves the pages on {@code router}: every path that starts with {@code /inbox}. */
    public void register(Router router) {
        router.route(BARE + "*").order(Integer.MIN_VALUE).handler(this);
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server != null && server.getRouter() != null) {
            register(server.getRouter());
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the HTTP server's router exists once the context has fully started
    }

    @Override
    public void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!path.equals(BARE) && !path.startsWith(ROOT)) {
            rc.next();  // /inboxes and the like are not the inbox's
            return;
        }
        HttpServerResponse response = rc.response()
                .putHeader("Content-Security-Policy", contentSecurityPolicy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        HttpMethod method = rc.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            plain(response.setStatusCode(405).putHeader("Allow", "GET, HEAD"), "The inbox's files are read with GET.");
            return;
        }
        if (path.equals(BARE)) {
            response.setStatusCode(301).putHeader("Location", ROOT).end();
            return;
        }
        Page page = pages.get(path);
        if (page == null) {
            plain(response.setStatusCode(404), "No such file in the inbox.");
            return;
        }
        response.putHeader("Cache-Control", "no-cache").putHeader("ETag", page.etag());
        if (matches(rc.request().getHeader("If-None-Match"), page.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader("Content-Type", page.contentType()).end(page.body());
    }

    private static void plain(HttpServerResponse response, String text) {
        response.putHeader("Content-Type", "text/plain; charset=utf-8").end(text + "\n", StandardCharsets.UTF_8.name());
    }

    /** Whether an If-None-Match header names this ETag (or is {@code *}). */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
