package io.agenthub.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.slm.Digests;
import io.agenthub.slm.IntentModel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One extraction model version as it runs: its card, its files (each checked against the card's digest, so a
 * hand-edited word list is noticed rather than silently used) and the recognisers built from them.
 */
public record ExtractionModel(ExtractionCard card, String digest, SlotExtractor extractor, Map<String, byte[]> files) {

    public static ExtractionModel load(IntentModel.VersionFiles folder, ObjectMapper json) throws IOException {
        byte[] cardBytes;
        try (InputStream in = folder.open("model-card.json")) {
            cardBytes = in.readAllBytes();
        }
        ExtractionCard card = json.readValue(cardBytes, ExtractionCard.class);
        Map<String, byte[]> files = new HashMap<>();
        for (Map.Entry<String, String> file : card.files().entrySet()) {
            byte[] bytes;
            try (InputStream in = folder.open(file.getKey())) {
                bytes = in.readAllBytes();
            }
            if (!Digests.sha256(bytes).equals(file.getValue())) {
                throw new IllegalStateException(card.capability() + "/" + card.version() + ": " + file.getKey()
                        + " does not match the digest in its model card; was it edited by hand?");
            }
            files.put(file.getKey(), bytes);
        }
        IntentModel.VersionFiles checked = name -> {
            byte[] bytes = files.get(name);
            if (bytes == null) {
                throw new IOException(card.capability() + "/" + card.version() + ": " + name + " is not listed in the model card");
            }
            return new ByteArrayInputStream(bytes);
        };
        SlotExtractor extractor = switch (card.recognizers()) {
            case "banking-slots" -> new BankingSlotRecognizers(WordLists.load(checked));
            case "claim-notice" -> new ClaimNoticeRecognizers(WordLists.read(checked, "loss-types.txt"));
            default -> throw new IllegalArgumentException(card.capability() + "/" + card.version()
                    + ": no recogniser set '" + card.recognizers() + "' (banking-slots, claim-notice)");
        };
        return new ExtractionModel(card, Digests.sha256(cardBytes), extractor, Map.copyOf(files));
    }

    /** A file of this version, as its card lists it (the schema). */
    public byte[] file(String name) throws IOException {
        byte[] bytes = files.get(name);
        if (bytes == null) {
            throw new IOException(card.capability() + "/" + card.version() + ": no " + name + " in its model card");
        }
        return bytes;
    }

    /** A file of this version, as text (the prompt template). */
    public String text(String name) throws IOException {
        return new String(file(name), StandardCharsets.UTF_8);
    }

    public String id() {
        return card.capability() + "/" + card.version();
    }
}
