package io.agenthub.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.agenthub.RunningHub.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input gets a 4xx with an RFC 9457 JSON problem body, and never a stack trace. */
class BadInputTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON            | {\"tenant\": \"demo-bank\",                                                                    | 400 | malformed-json",
            "a JSON array              | []                                                                                              | 400 | malformed-json",
            "a bare string             | \"hello\"                                                                                       | 400 | malformed-json",
            "missing fields            | {\"tenant\":\"demo-bank\"}                                                                      | 400 | invalid-request",
            "a number for text         | {\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":42}            | 400 | invalid-request",
            "blank text                | {\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"   \"}       | 400 | invalid-request",
            "a control character       | {\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"a\\u0000b\"} | 400 | invalid-request",
            "a channel the tenant lacks| {\"tenant\":\"demo-bank\",\"channel\":\"broker\",\"subjectId\":\"C-1001\",\"text\":\"hi\"}   | 400 | invalid-request",
            "an unknown tenant         | {\"tenant\":\"acme\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"hi\"}             | 422 | unknown-tenant",
            "trailing garbage          | {\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"hi\"} x         | 400 | malformed-json",
            "two objects               | {\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"hi\"}{\"a\":1}  | 400 | malformed-json",
            "a duplicated field        | {\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"a\",\"text\":\"b\"} | 400 | malformed-json",
            "an escaped lone surrogate | {\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"a\\ud800b\"} | 400 | invalid-request",
            "a right-to-left override  | {\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"pay 100\u202E001\"} | 400 | invalid-request",
            "an escaped bidi isolate   | {\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"a\\u2067b\"} | 400 | invalid-request",
    })
    void badBodiesGetAProblemNamingWhatIsWrong(String what, String body, int status, String type) throws Exception {
        HttpResponse<String> response = hub.postRequest(body);

        assertProblem(response, status, type);
    }

    @Test
    void missingFieldsAreEachNamed() throws Exception {
        JsonNode problem = json(hub.postRequest("{\"tenant\":\"demo-bank\",\"text\":\"hi\"}").body());

        assertThat(problem.path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("channel", "subjectId");
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIsRefusedWith415() throws Exception {
        assertProblem(hub.post("/api/v1/requests", "tenant=demo-bank", "application/x-www-form-urlencoded"),
                415, "unsupported-media-type");
        assertProblem(hub.post("/api/v1/requests", "{}", null), 415, "unsupported-media-type");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        String text = "x".repeat(20_000);
        String body = RunningHub.request("C-1001", text, null);

        assertProblem(hub.postRequest(body), 413, "payload-too-large");
    }

    @Test
    void aBodyOverTheServersHardLimitStillGetsAJsonProblem() throws Exception {
        String body = RunningHub.request("C-1001", "x".repeat(1_200_000), null);

        assertProblem(hub.postRequest(body), 413, "payload-too-large");
    }

    @Test
    void textLongerThanTheLimitIsNamedAsTheFieldAtFault() throws Exception {
        JsonNode problem = json(hub.postRequest(RunningHub.request("C-1001", "y".repeat(5_000), null)).body());

        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("text");
    }

    @Test
    void invalidUtf8IsRefusedAsMalformed() throws Exception {
        byte[] body = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/requests")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertProblem(response, 400, "malformed-json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a lone high surrogate in 3 bytes (CESU) | ED A0 80",
            "a code point over U+10FFFF             | F4 90 80 80",
            "an overlong slash                      | C0 AF",
            "an overlong NUL                        | C0 80",
            "a stray continuation byte              | 80",
            "a truncated sequence                   | E2 82",
    })
    void invalidUtf8InTheTextIsRefusedAsMalformedNeverA500(String what, String hex) throws Exception {
        HttpResponse<String> response = postBytes(requestWithRawText(hex));

        assertProblem(response, 400, "malformed-json");
    }

    @Test
    void aJsonBodySentAsAFormIsRefusedWith415AndNoLineAtAnyLevelHoldsIt() throws Exception {
        String body = "{\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\","
                + "\"text\":\"Jane Formsworth, card 4111 1111 1111 1111, SSN 536-22-1844\"}";
        String log;
        try (LogCapture logs = LogCapture.atDebug()) {
            assertProblem(hub.post("/api/v1/requests", body, "application/x-www-form-urlencoded"), 415, "unsupported-media-type");
            assertProblem(hub.post("/api/v1/requests", body, "multipart/form-data; boundary=x"), 415, "unsupported-media-type");
            assertProblem(hub.post("/api/v1/requests", body, "text/plain"), 415, "unsupported-media-type");
            assertProblem(hub.post("/api/v1/requests/no-such-request/contest", body, "application/x-www-form-urlencoded"),
                    415, "unsupported-media-type");
            log = logs.text();
        }
        assertThat(log).doesNotContain("Formsworth").doesNotContain("4111").doesNotContain("536-22");
    }

    @Test
    void anUnknownRequestIdOrPathAnswers404AndAWrongMethod405WithTheMethodsThePathHas() throws Exception {
        assertProblem(hub.get("/api/v1/requests/no-such-request"), 404, "not-found");
        assertProblem(hub.get("/api/v1/no-such-resource"), 404, "not-found");
        HttpResponse<String> delete = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/requests")))
                .DELETE().build());
        assertProblem(delete, 405, "method-not-allowed");
        assertThat(delete.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> put = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/dead-letters/")))
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertProblem(put, 405, "method-not-allowed");
        assertThat(put.headers().firstValue("Allow")).hasValue("DELETE, GET");
    }

    /** A valid request whose text holds the given raw bytes (hex) between two letters. */
    private static byte[] requestWithRawText(String hex) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"C-1001\",\"text\":\"a"
                .getBytes(StandardCharsets.US_ASCII));
        for (String b : hex.trim().split("\\s+")) {
            body.write(Integer.parseInt(b, 16));
        }
        body.writeBytes("b\"}".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static HttpResponse<String> postBytes(byte[] body) throws Exception {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/requests")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:agent-hub:problem:" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
