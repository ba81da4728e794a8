package io.agenthub.app;

import io.agenthub.store.RequestRecord;
import io.agenthub.store.RequestStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoAnswerLineTest {

    private static RequestRecord stored(String text) {
        return new RequestRecord("r-1", "demo-bank", "app", "C-1004", text, null, null, RequestStatus.COMPLETED,
                null, null, null, null, Instant.EPOCH, null, null, List.of());
    }

    @Test
    void showsTheStoredTextBesideTheIntentOutcomeAndMessage() throws IOException {
        DemoAnswerLine line = new DemoAnswerLine(id -> stored("My name is <PERSON_1>"), JsonMapper.create());

        String text = line.line("r-1", "{\"intent\":\"lost_or_stolen_card\",\"confidence\":0.9559,\"tier\":\"tuned\","
                + "\"outcome\":\"completed\",\"message\":\"Your card is blocked.\",\"escalated\":false}");

        assertThat(text).isEqualTo("request r-1 \"My name is <PERSON_1>\" -> lost_or_stolen_card (0.96, tuned): completed,"
                + " \"Your card is blocked.\"");
    }

    @Test
    void saysWhenNoTierWasSureAndKeepsAMultiLineTextOnOneLine() throws IOException {
        DemoAnswerLine line = new DemoAnswerLine(id -> stored("first line\nsecond \"quoted\""), JsonMapper.create());

        String text = line.line("r-1", "{\"intent\":\"card_arrival\",\"confidence\":0.5,\"tier\":\"ensemble\","
                + "\"outcome\":\"referred\",\"escalated\":true}");

        assertThat(text).isEqualTo("request r-1 \"first line\\nsecond \\\"quoted\\\"\" -> card_arrival (0.50, ensemble): referred,"
                + " escalated to people").doesNotContain("\n");
    }

    @Test
    void aRequestRefusedBeforeItWasStoredShowsOnlyTheProblem() throws IOException {
        DemoAnswerLine line = new DemoAnswerLine(id -> {
            throw new AssertionError("nothing was stored to look up");
        }, JsonMapper.create());

        assertThat(line.line(null, "{\"type\":\"urn:agent-hub:problem:unauthenticated\",\"title\":\"Unauthenticated\",\"status\":401}"))
                .isEqualTo("request refused before it was stored: problem 401 Unauthenticated");
    }
}
