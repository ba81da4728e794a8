package io.agenthub.frontdoor;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.RunningHub;
import io.agenthub.testing.LogCapture;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static io.agenthub.RunningHub.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input at both front doors, from a seeded generator so that every run sends the same cases:
 * malformed, huge, deep and wrongly encoded bodies, wrong media types, hostile headers, query parameters and
 * paths over HTTP (through a client and as raw bytes), and malformed messages on the JMS request queue. Every
 * answer is a problem or a reply, never a 5xx; no answer carries a header that is not the hub's own; nothing
 * the hub logs is an error; and the hub still serves a good request afterwards.
 */
class FrontDoorFuzzTest {

    private static final long SEED = 19;
    private static final int HTTP_CASES = 700;
    private static final int JMS_CASES = 120;
    /** Every hostile name or value the test sends carries this, so an echo is found wherever it lands. */
    private static final String MARK = "fz0";

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random = new Random(SEED);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final List<String> HOSTILE_NAMES = List.of("Set-Cookie", "Refresh", "Location", "X-" + MARK,
            "HubRequestId", "HubStatus", "Idempotent-Replayed", "CamelHttpUri", "CamelHttpPath", "CamelHttpQuery",
            "CamelHttpResponseCode", "CamelHttpMethod", "CamelHttpUrl", "CamelHttpRawQuery", "CamelHttpCharacterEncoding",
            "CamelContentType", "Content-Type", "Content-Length", "requestId", "status", "limit", "org.apache.camel.x",
            "Access-Control-Allow-Origin", "Strict-Transport-Security", "WWW-Authenticate",
            "CamelVertxPlatformHttpAuthenticatedUser");

    private static final List<String> MEDIA_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=iso-8859-1", "application/problem+json", "application/vnd.bank+json",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=" + MARK, "text/plain", "text/html",
            "application/xml", "application/octet-stream", "", "json", "application/json/x", "*/*",
            "application/x-www-form-urlencoded; charset=utf-8");

    private static final List<String> PATHS = List.of("/api/v1/requests", "/api/v1/requests/", "/api/v1/reviews",
            "/api/v1/requests/%s", "/api/v1/requests/%s/explanation", "/api/v1/requests/%s/contest", "/api/v1/requests/%s/x",
            "/api/v1/", "/api/v1/requests/%2e%2e/%2e%2e/observe/health", "/observe/health", "/api/v1/reviews/%s");

    private static final List<String> TEXTS = List.of("I lost my card", "my card was stolen at the station",
            "\uD83D\uDE00\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 card gone", "\u4F60\u597D\uFF0C\u6211\u7684\u5361\u4E22\u4E86",
            "e\u0301\u0301\u0301\u0301 combining", "\u0645\u0646 \u0628\u0637\u0627\u0642\u062A\u064A", "x".repeat(3_999),
            "tab\there\nnew line", "\uD800 lone", "\u202Eevil", "a\u0000b", "\uFEFFbom", "\u200Bzero width", "card\u2067 4111");

    @Test
    void hostileInputOverHttpNeverGetsA5xxNorAnEchoedHeader() throws Exception {
        List<String> failures = new ArrayList<>();
        try (LogCapture logs = LogCapture.at(Level.WARN)) {
            for (int i = 0; i < HTTP_CASES; i++) {
                HttpRequest request = hostileRequest(i);
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException refusedByTheServer) {
                    // the server may close a connection on a request it cannot parse: that is no 5xx
                    continue;
                }
                check("case " + i + " " + request.method() + " " + abbreviate(request.uri().toString()), response.statusCode(),
                        response.headers().map(), response.body(), failures);
            }
            for (byte[] raw : rawRequests()) {
                checkRaw(raw, failures);
            }
            assertThat(failures).as("answers that broke the rules").isEmpty();
            assertThat(logs.events()).as(logs.text()).noneMatch(e -> e.getLevel() == Level.ERROR);
            assertThat(logs.text()).doesNotContain(MARK);
        }
        HttpResponse<String> good = hub.postRequest(RunningHub.request("C-1001", "I lost my card", null));
        assertThat(good.statusCode()).isEqualTo(200);
    }

    @Test
    void malformedMessagesOnTheJmsQueueEachGetAProblemReply() throws Exception {
        ProducerTemplate esb = hub.camel().createProducerTemplate();
        List<String> failures = new ArrayList<>();
        try (LogCapture logs = LogCapture.at(Level.WARN)) {
            for (int i = 0; i < JMS_CASES; i++) {
                Object body = hostileMessage();
                Exchange reply = esb.request("jms:queue:hub.requests?requestTimeout=20000", e -> {
                    e.getMessage().setBody(body);
                    e.getMessage().setHeader("Authorization", hub.channelAuthorization("demo-bank"));
                });
                Integer status = reply.getMessage().getHeader(HubHeaders.JMS_STATUS, Integer.class);
                String answer = reply.getMessage().getBody(String.class);
                if (reply.getException() != null || status == null || status >= 500) {
                    failures.add("message " + i + " (" + describe(body) + "): " + status + " " + reply.getException());
                } else if (status >= 400 && !json(answer).path("type").asText().startsWith("urn:agent-hub:problem:")) {
                    failures.add("message " + i + ": no problem body: " + answer);
                }
            }
            assertThat(failures).isEmpty();
            assertThat(logs.events()).as(logs.text()).noneMatch(e -> e.getLevel() == Level.ERROR);
        }
        String good = esb.requestBodyAndHeader("jms:queue:hub.requests?requestTimeout=20000",
                RunningHub.request("C-1004", "my card has been stolen", null), "Authorization", hub.channelAuthorization("demo-bank"),
                String.class);
        assertThat(json(good).path("outcome").asText()).isNotBlank();
        esb.stop();
    }

    // ---- HTTP cases -------------------------------------------------------------------------------------------

    private HttpRequest hostileRequest(int i) {
        String path = pick(PATHS);
        if (path.contains("%s")) {
            path = String.format(path, encode(pick(List.of("no-such-request", "01a2-" + MARK, "x".repeat(300),
                    "..", "%00", "\u00e9\u202e" + MARK, "' OR 1=1 --", "{requestId}", " "))));
        }
        StringBuilder query = new StringBuilder();
        int params = random.nextInt(4);
        for (int p = 0; p < params; p++) {
            query.append(p == 0 ? "?" : "&").append(encode(pick(HOSTILE_NAMES))).append('=').append(encode(hostileValue()));
        }
        String method = pick(List.of("POST", "POST", "POST", "GET", "GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"));
        byte[] body = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("DELETE")
                ? new byte[0] : hostileBody();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path + query)))
                .timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        // authenticated, so the hostile bytes reach the routes; refusals of tokens have their own matrix (ApiAccessTest)
        request.header("Authorization", "Bearer " + hub.everyRole());
        String mediaType = pick(MEDIA_TYPES);
        if (!mediaType.isEmpty()) {
            request.header("Content-Type", mediaType);
        }
        int headers = random.nextInt(3);
        for (int h = 0; h < headers; h++) {
            String name = pick(HOSTILE_NAMES);
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Content-Type")) {
                request.header(name, hostileValue().replaceAll("[\\r\\n\\x00-\\x1f\\x7f-\\uffff]", "_"));
            }
        }
        return request.build();
    }

    private byte[] hostileBody() {
        int kind = random.nextInt(16);
        return switch (kind) {
            case 0 -> randomBytes(random.nextInt(300));
            case 1 -> mutate(validBody(pick(TEXTS)));
            case 2 -> ("[".repeat(2_000 + random.nextInt(3_000)) + "]".repeat(10)).getBytes(StandardCharsets.US_ASCII);
            case 3 -> ("{\"text\":".repeat(1_500) + "1" + "}".repeat(1_500)).getBytes(StandardCharsets.US_ASCII);
            case 4 -> validBody("y".repeat(15_000 + random.nextInt(50_000)));
            case 5 -> withField(pick(List.of("tenant", "channel", "subjectId", "text", "idempotencyKey", "correlationId")),
                    pick(List.of("1e999999", "-0", "[]", "{}", "null", "true", "\"\"", "\"" + "9".repeat(5_000) + "\"",
                            "123456789012345678901234567890", "{\"$ref\":\"x\"}")));
            case 6 -> withRawText(randomInvalidUtf8());
            case 7 -> concat(validBody(pick(TEXTS)), pick(List.of(" x", "{}", "{\"a\":1}", "]", "\u0000", "//c", "/*c*/")));
            case 8 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, validBody("bom first"));
            case 9 -> withField(MARK + "x".repeat(random.nextInt(2_000)), "\"v\"");
            case 10 -> manyFields(1_000 + random.nextInt(2_000));
            case 11 -> duplicateField();
            case 12 -> ("tenant=demo-bank&channel=app&" + MARK + "=" + encode("{\"a\":1}")).getBytes(StandardCharsets.US_ASCII);
            case 13 -> ("--" + MARK + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../" + MARK
                    + ".sh\"\r\n\r\n#!/bin/sh\r\n--" + MARK + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            case 14 -> validBody(pick(TEXTS));
            default -> withIds(hostileValue());
        };
    }

    private String hostileValue() {
        return pick(List.<Supplier<String>>of(
                () -> "0;url=https://evil.example/" + MARK,
                () -> MARK + "=1; Path=/; HttpOnly",
                () -> MARK + "\r\nSet-Cookie: a=b",
                () -> MARK + "\u0000\u202e\ud800",
                () -> "302",
                () -> "-1",
                () -> "999999999999999999999",
                () -> "pending",
                () -> MARK.repeat(500),
                () -> "../../etc/passwd" + MARK,
                () -> "${header.CamelHttpUri}" + MARK,
                () -> "<script>" + MARK + "</script>")).get();
    }

    private static byte[] validBody(String text) {
        return RunningHub.request("C-1001", text, null).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withField(String field, String rawJsonValue) {
        return ("{\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"hi\",\"" + field + "\":"
                + rawJsonValue + "}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] withIds(String value) {
        return withField(pick(List.of("correlationId", "idempotencyKey")), JSON.valueToTree(value).toString());
    }

    private static byte[] withRawText(byte[] raw) {
        return concat(concat("{\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"a"
                .getBytes(StandardCharsets.US_ASCII), raw), "b\"}".getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] randomInvalidUtf8() {
        return pick(List.of(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}));
    }

    private static byte[] manyFields(int n) {
        StringBuilder body = new StringBuilder("{\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"hi\"");
        for (int i = 0; i < n; i++) {
            body.append(",\"f").append(i).append("\":").append(i);
        }
        return body.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] duplicateField() {
        return ("{\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"a\",\"text\":\"" + MARK + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] mutate(byte[] body) {
        byte[] copy = body.clone();
        int changes = 1 + random.nextInt(4);
        for (int c = 0; c < changes && copy.length > 0; c++) {
            switch (random.nextInt(3)) {
                case 0 -> copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                case 1 -> copy = Arrays.copyOf(copy, random.nextInt(copy.length));
                default -> copy[random.nextInt(copy.length)] = (byte) "{}[]\",:\\".charAt(random.nextInt(8));
            }
        }
        return copy;
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    // ---- raw HTTP: what no well-behaved client sends -------------------------------------------------------------

    private List<byte[]> rawRequests() {
        List<String> heads = List.of(
                "GET /api/v1/reviews HTTP/1.1\r\nHost: x\r\n" + MARK + ": a\u0000b\r\n\r\n",
                "GET /api/v1/reviews HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(20_000) + "\r\n\r\n",
                "GET /api/v1/reviews?" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/reviews HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n  " + MARK + "\r\n\r\n",
                "POST /api/v1/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
                        + "Content-Length: 50\r\n\r\n{\"a\":",
                "POST /api/v1/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                "POST /api/v1/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "fffffffffffffffff\r\n{}\r\n0\r\n\r\n",
                "POST /api/v1/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}",
                "GET /api/v1/reviews HTTP/9.9\r\nHost: x\r\n\r\n",
                "BREW /api/v1/reviews HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET http://evil.example/api/v1/reviews HTTP/1.1\r\nHost: evil.example\r\n\r\n",
                "GET /api/v1/reviews\r\n\r\n",
                "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        List<byte[]> raw = new ArrayList<>();
        for (String head : heads) {
            raw.add(head.getBytes(StandardCharsets.ISO_8859_1));
        }
        return raw;
    }

    private void checkRaw(byte[] request, List<String> failures) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", URI.create(hub.url("/")).getPort()), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                in.transferTo(answer);
            } catch (IOException closed) {
                // a reset is an acceptable answer to garbage
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                return;
            }
            String statusLine = text.lines().findFirst().orElse("");
            String[] parts = statusLine.split(" ");
            int status = parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : 0;
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line : text.split("\r\n\r\n", 2)[0].split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
                }
            }
            check("raw " + new String(request, 0, Math.min(60, request.length), StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n"),
                    status, headers, text, failures);
        }
    }

    // ---- JMS cases -----------------------------------------------------------------------------------------------

    private Object hostileMessage() {
        return switch (random.nextInt(10)) {
            case 0 -> new String(randomBytes(random.nextInt(200)), StandardCharsets.ISO_8859_1);
            case 1 -> randomBytes(random.nextInt(200));
            case 2 -> new String(mutate(validBody(pick(TEXTS))), StandardCharsets.UTF_8);
            case 3 -> withRawText(randomInvalidUtf8());
            case 4 -> Map.of("tenant", "demo-bank", "text", MARK);
            case 5 -> "[".repeat(3_000);
            case 6 -> new String(validBody("z".repeat(20_000)), StandardCharsets.UTF_8);
            case 7 -> RunningHub.request("C-1001", pick(List.of("\uD800 lone", "\u202Eevil", "a\u0000b", "\uDFFF")), null);
            case 8 -> new String(concat(validBody("hi"), "{}".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8);
            default -> "";
        };
    }

    private static String describe(Object body) {
        String kind = body == null ? "null" : body.getClass().getSimpleName();
        return body instanceof String s ? kind + " of " + s.length() + " chars" : kind;
    }

    // ---- the rules every answer keeps ----------------------------------------------------------------------------

    private static void check(String what, int status, Map<String, List<String>> headers, String body, List<String> failures) {
        if (status >= 500) {
            failures.add(what + " -> " + status + " " + body.substring(0, Math.min(200, body.length())));
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(":status")) {
                continue;
            }
            if (!ResponseHeaderTest.ALLOWED.contains(name) || name.contains(MARK)
                    || header.getValue().stream().anyMatch(v -> v.contains(MARK) || v.contains("evil.example"))) {
                failures.add(what + " -> header " + header.getKey() + ": " + header.getValue());
            }
        }
        if (body.contains("Exception") || body.contains("\tat ")) {
            failures.add(what + " -> a stack trace in the body");
        }
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] concat(byte[] a, String b) {
        return concat(a, b.getBytes(StandardCharsets.UTF_8));
    }
}
