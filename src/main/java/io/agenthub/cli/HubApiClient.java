package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.app.JsonMapper;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Calls a running hub's HTTP interface for the commands that act on it while it runs (the broker is in the hub's
 * process, so they cannot reach it otherwise). An unreachable hub or a problem answer is one clear line, exit 1.
 */
final class HubApiClient {

    private final URI base;
    private final String token;
    private final ObjectMapper json = JsonMapper.create();
    private final HttpClient http;

    /**
     * @param caCertificates PEM or DER certificates to trust for an https:// hub (its own, or its CA's); null: the JVM's
     * @param token          the bearer token sent with every call
     */
    HubApiClient(String url, Path caCertificates, String token) {
        this.token = token;
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try {
            this.base = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url " + url + " is not a URL");
        }
        if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("--url " + url + " is not an http(s) URL, e.g. http://127.0.0.1:8080");
        }
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (caCertificates != null) {
            client.sslContext(TrustedCertificates.sslContext(caCertificates));
        }
        this.http = client.build();
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** POST with a JSON body. */
    JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(60)).header("Accept", "application/json")
                            .header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new IllegalStateException("cannot reach the hub at " + base + " (is it running? point --url at it)");
        } catch (SSLHandshakeException e) {
            throw new IllegalStateException("the hub at " + base + " presented a certificate this machine does not trust:"
                    + " pass --ca-cert FILE with the hub's certificate or its CA's");
        } catch (IOException e) {
            throw new IllegalStateException("the hub at " + base + " did not answer: " + e.getClass().getSimpleName()
                    + ("http".equals(base.getScheme()) ? " (if it serves HTTPS, use an https:// URL)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the hub at " + base);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400) {
            String detail = body.path("detail").asText(body.path("title").asText(""));
            throw new IllegalStateException("the hub answered " + response.statusCode()
                    + (detail.isEmpty() ? "" : ": " + detail));
        }
        return body;
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
