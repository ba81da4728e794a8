package io.agenthub.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTest {

    @Test
    void aCursorKeepsEveryDigitOfItsTimeSoThePageAfterItStartsAfterIt() {
        Paging.Cursor cursor = new Paging.Cursor(Instant.parse("2026-12-07T12:20:31.123456Z"), "01a24b4c-50b9-7cb9");

        Paging.Cursor read = Paging.Cursor.parse(cursor.toString());

        assertThat(read).isEqualTo(cursor);
        assertThat(cursor.toString()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aCursorTheHubDidNotGiveIsA400() {
        for (String forged : new String[] {"not-base64!", "MTIzNA", "MTIzNHw", "YWJjLjF8aWQ"}) {
            assertThatThrownBy(() -> Paging.Cursor.parse(forged)).as(forged).isInstanceOf(ProblemException.class)
                    .hasMessageContaining("cursor");
        }
    }
}
