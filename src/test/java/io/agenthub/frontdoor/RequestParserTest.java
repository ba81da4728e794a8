package io.agenthub.frontdoor;

import io.agenthub.app.JsonMapper;
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
}
