package io.agenthub.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A local HTTP stand-in that speaks the Ollama chat API ({@code POST /api/chat}), for tests only: it
 * answers every chat with the content a test chooses, and keeps the requests it received.
 */
public final class OllamaStandIn implements AutoCloseable {

    private final HttpServer server;
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile UnaryOperator<String> reply = request -> "{\"label\":\"card_arrival\",\"confidence\":0.9}";
    private volatile int status = 200;

    public OllamaStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/chat", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                requests.add(body);
                String content = reply.apply(body);
                String json = "{\"model\":\"stand-in\",\"created_at\":\"2026-11-22T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":"
                        + quote(content) + "},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":120,\"eval_count\":12}";
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(UnaryOperator<String> reply) {
        this.reply = reply;
    }

    public void failWith(int status) {
        this.status = status;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
