package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Values read back for the in-process tiers get their tokens again before anything is stored. */
class ExtractionRequestTest {

    @Test
    void tokensGoBackIntoStringsOnlyWhateverTheValues() throws Exception {
        // "Da" was taken for an address in "Trattoria Da Nino"; "ate" would break a key if replaced in JSON text
        ExtractionRequest request = new ExtractionRequest("r", "paid Trattoria Da Nino on 9 November", LocalDateTime.of(2026, 12, 2, 9, 0),
                Map.of("STREET_ADDRESS_1", "Da", "DATE_TIME_1", "9 November", "PERSON_1", "ate"));
        JsonNode answer = new ObjectMapper().readTree("""
                {"company_name":{"text":"Trattoria Da Nino","value":"Trattoria Da Nino"},
                 "date":{"text":"9 November","value":"2026-11-09"},"amount":{"value":{"amount":42.8}},"list":["ate"]}""");

        JsonNode stored = request.withTokens(answer);

        assertThat(stored.path("company_name").path("text").asText()).isEqualTo("Trattoria <STREET_ADDRESS_1> Nino");
        assertThat(stored.path("date").path("text").asText()).isEqualTo("<DATE_TIME_1>");
        assertThat(stored.has("date")).isTrue();
        assertThat(stored.path("amount").path("value").path("amount").asDouble()).isEqualTo(42.8);
        assertThat(stored.path("list").get(0).asText()).isEqualTo("<PERSON_1>");
        assertThat(request.withTokens(request.text())).isEqualTo("paid Trattoria <STREET_ADDRESS_1> Nino on <DATE_TIME_1>");
    }
}
