package io.agenthub.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** Starts a sandbox from the shipped seed files at a fixed instant and talks to it like a connector would. */
final class SandboxClient implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final Path SEED_DIR = Path.of("connectors", "sandbox");
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    final SandboxBackends sandbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SandboxClient(SandboxBackends sandbox) {
        this.sandbox = sandbox;
    }

    static SandboxSeed seed() {
        return SandboxSeed.fromDirectory(SEED_DIR);
    }

    static SandboxClient start() {
        return start(null, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** A sandbox whose state is kept in {@code stateDir} (null: in memory), at the time {@code clock} gives. */
    static SandboxClient start(Path stateDir, Clock clock) {
        return new SandboxClient(SandboxBackends.start("127.0.0.1", 0, seed(), clock, stateDir));
    }

    record Reply(int status, HttpResponse<String> raw) {
        String body() {
            return raw.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + raw.body(), e);
            }
        }

        String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The problem type's last path segment, e.g. {@code not-found}. */
        String problemType() {
            String type = json().path("type").asText();
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }

    Reply get(String path) {
        return send(request(path).GET().build());
    }

    Reply post(String path, String idempotencyKey, String json) {
        return send("POST", path, idempotencyKey, json);
    }

    Reply put(String path, String idempotencyKey, String json) {
        return send("PUT", path, idempotencyKey, json);
    }

    /** A write; {@code json} null sends no body, {@code idempotencyKey} null no key. */
    Reply send(String method, String path, String idempotencyKey, String json) {
        HttpRequest.Builder builder = request(path);
        if (json == null) {
            builder.method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.ofString(json));
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder.build());
    }

    CompletableFuture<Reply> postAsync(String path, String idempotencyKey, String json) {
        HttpRequest request = request(path)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Reply(r.statusCode(), r));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).timeout(Duration.ofSeconds(10));
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
