package io.agenthub.frontdoor;

import io.agenthub.api.FieldError;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.app.JsonMapper;
import io.agenthub.tenants.Tenant;
import io.agenthub.tenants.TenantDirectory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestParserTest {

    private final RequestParser parser = new RequestParser(JsonMapper.create(),
            new TenantDirectory(List.of(new Tenant("demo-bank", "Demo Bank", List.of("app", "web")))), 1024, 100);

    private HubRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Problem problemOf(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    void readsEveryFieldOfAValidRequest() {
        HubRequest request = parse("""
                {"tenant":"demo-bank","channel":"app","subjectId":"C-1001","text":"  I lost my card  ",
                 "idempotencyKey":"k-1","correlationId":"esb-42","somethingNew":true}""");

        assertThat(request).isEqualTo(new HubRequest("demo-bank", "app", "C-1001", "I lost my card", "k-1", "esb-42"));
    }

    @Test
    void namesEveryMissingOrMistypedField() {
        Problem problem = problemOf(() -> parse("{\"tenant\":\"demo-bank\",\"channel\":7,\"text\":\"\"}"));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("channel", "subjectId", "text");
    }

    @Test
    void refusesAnUnknownTenantWith422AndAChannelTheTenantDoesNotAcceptWith400() {
        assertThat(problemOf(() -> parse("{\"tenant\":\"acme\",\"channel\":\"app\",\"subjectId\":\"S\",\"text\":\"t\"}"))
                .status()).isEqualTo(422);
        assertThat(problemOf(() -> parse("{\"tenant\":\"demo-bank\",\"channel\":\"fax\",\"subjectId\":\"S\",\"text\":\"t\"}"))
                .errors()).extracting(FieldError::field).containsExactly("channel");
    }

    @Test
    void refusesBodiesOverTheLimitWith413BeforeParsing() {
        byte[] big = new byte[2048];

        assertThatThrownBy(() -> parser.parse(big)).isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).problem().status()).isEqualTo(413);
    }

    @Test
    void refusesTextOverTheCharacterLimit() {
        Problem problem = problemOf(() -> parse("{\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"S\",\"text\":\""
                + "a".repeat(101) + "\"}"));

        assertThat(problem.errors()).containsExactly(new FieldError("text", "must be at most 100 characters"));
    }

    @Test
    void malformedJsonNamesWhereItBroke() {
        Problem problem = problemOf(() -> parse("{\"tenant\": \"demo-bank\",\n \"text\" \"x\"}"));

        assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_JSON.uri());
        assertThat(problem.detail()).contains("line 2");
    }

    @Test
    void subjectIdsWithSpacesOrSlashesAreRefused() {
        Problem problem = problemOf(() -> parse("{\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"../etc\",\"text\":\"t\"}"));

        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("subjectId");
    }

    @Test
    void refusesWhatFollowsTheObjectAndFieldsGivenTwice() {
        String valid = "{\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"S\",\"text\":\"t\"}";

        assertThat(problemOf(() -> parse(valid + " x")).type()).endsWith("malformed-json");
        assertThat(problemOf(() -> parse(valid + valid)).type()).endsWith("malformed-json");
        assertThat(problemOf(() -> parse(valid.replace("\"text\":\"t\"", "\"text\":\"t\",\"text\":\"u\""))).type())
                .endsWith("malformed-json");
        assertThat(parse(valid + " \n").text()).isEqualTo("t");
    }

    @Test
    void refusesBytesThatAreNotWellFormedUtf8() {
        for (byte[] bad : List.of(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF})) {
            byte[] body = ("{\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"S\",\"text\":\"a" + new String(bad,
                    StandardCharsets.ISO_8859_1) + "b\"}").getBytes(StandardCharsets.ISO_8859_1);

            assertThat(problemOf(() -> parser.parse(body)).detail()).contains("not well-formed UTF-8");
        }
    }

    @Test
    void refusesTextThatShowsAnotherTextThanItHoldsNamingTheField() {
        for (String text : List.of("pay \\u202Eevil", "a\\u2066b\\u2069", "\\u200Fx", "zero\\u200Bwidth", "a\\ud800b", "a\\udc00b",
                "bell\\u0007")) {
            Problem problem = problemOf(() -> parse("{\"tenant\":\"demo-bank\",\"channel\":\"app\",\"subjectId\":\"S\",\"text\":\""
                    + text + "\"}"));

            assertThat(problem.type()).as(text).endsWith("invalid-request");
            assertThat(problem.errors()).extracting(FieldError::field).containsExactly("text");
        }
    }

    @Test
    void acceptsEmojiJoinersAndOtherScripts() {
        for (String text : List.of("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 lost card", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
                "\u5361\u4E22\u4E86", "line one\nline\ttwo")) {
            assertThat(parse(RequestParserTestJson.body(text)).text()).isEqualTo(text.strip());
        }
    }

    /** A request body with the text written by Jackson, as a caller's library would. */
    private static final class RequestParserTestJson {
        static String body(String text) {
            return JsonMapper.create().createObjectNode().put("tenant", "demo-bank").put("channel", "app")
                    .put("subjectId", "S").put("text", text).toString();
        }
    }
}
