package io.agenthub.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.app.JsonMapper;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.IntentModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped banking-slots v2 as the cascade loads it: the tagger over MiniLM's token states, values from the normalisers. */
class BankingSlotsV2Test {

    private static final LocalDateTime REFERENCE = LocalDateTime.of(2022, 3, 15, 9, 0);
    private static final ObjectMapper JSON = JsonMapper.create();
    private static final Path V2 = Path.of("models/banking-slots/v2");
    private static EncoderCatalog catalog;
    private static ExtractionModel model;

    @BeforeAll
    static void load() throws IOException {
        catalog = new EncoderCatalog();
        model = ExtractionModel.load(IntentModel.VersionFiles.in(V2), JSON, TokenEncoders.of(catalog));
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    private List<String> found(String text) {
        return model.extractor().extract(text, REFERENCE).stream().map(s -> s.name() + "=" + s.text()).toList();
    }

    @Test
    void theTaggerFindsTheSlotsAndTheNormalisersGiveTheirValues() {
        List<Slot> slots = model.extractor().extract("can i transfer 700£ to guy kephart in 7 days", REFERENCE);
        assertThat(slots).extracting(s -> s.name() + "=" + s.text()).contains("amount_of_money=700£", "person_name=guy kephart");
        assertThat(found("how much did I spend at Waitrose on groceries last week"))
                .contains("company_name=Waitrose", "shopping_category=groceries", "date_period=last week");
    }

    @Test
    void everyAnswerIsValidAgainstTheSchema() throws IOException {
        SlotSchema schema = SlotSchema.read("banking-slots", "v1", Files.readAllBytes(Path.of("models/banking-slots/v1/schema.json")), JSON);
        SlotJson json = new SlotJson(JSON);
        for (String text : List.of("send 50 quid to my landlord by friday", "any time between 9 and half past 10 tomorrow",
                "block everything for the next 48 hours", "what did I pay Netflix from 1 Feb to 28 Feb", "make it 3", "hello",
                "asdf qwerty zzz blorp 12345", "I lost it around lunch the other day")) {
            assertThat(schema.violations(json.answer(model.extractor().extract(text, REFERENCE)))).as(text).isEmpty();
        }
    }

    @Test
    void aHeadThatNoLongerMatchesItsCardIsRefused(@TempDir Path copy) throws IOException {
        try (var files = Files.list(V2)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        byte[] head = Files.readAllBytes(copy.resolve("head.bin"));
        head[head.length - 1] ^= 1;
        Files.write(copy.resolve("head.bin"), head);
        assertThatThrownBy(() -> ExtractionModel.load(IntentModel.VersionFiles.in(copy), JSON, TokenEncoders.of(catalog)))
                .hasMessageContaining("head.bin does not match the digest");
    }
}
