package io.agenthub.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.slm.Digests;
import io.agenthub.slm.LinearHead;
import io.agenthub.slm.OnnxEncoder;
import io.agenthub.slm.IntentModel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One extraction model version as it runs: its card, its files (each checked against the card's digest, so a
 * hand-edited word list is noticed rather than silently used) and the recognisers built from them.
 */
public record ExtractionModel(ExtractionCard card, String digest, SlotExtractor extractor, Map<String, byte[]> files) {

    public static ExtractionModel load(IntentModel.VersionFiles folder, ObjectMapper json) throws IOException {
        return load(folder, json, TokenEncoders.NONE);
    }

    /** A version; one with a token tagger reads its encoder's token states through {@code encoders}. */
    public static ExtractionModel load(IntentModel.VersionFiles folder, ObjectMapper json, TokenEncoders encoders) throws IOException {
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
        WordLists words = card.recognizers().equals("banking-slots") ? WordLists.load(checked) : null;
        SlotExtractor recognizers = switch (card.recognizers()) {
            case "banking-slots" -> new BankingSlotRecognizers(words);
            case "claim-notice" -> new ClaimNoticeRecognizers(WordLists.read(checked, "loss-types.txt"));
            default -> throw new IllegalArgumentException(card.capability() + "/" + card.version()
                    + ": no recogniser set '" + card.recognizers() + "' (banking-slots, claim-notice)");
        };
        SlotExtractor extractor = card.tagger() == null ? recognizers : tagged(card, checked, recognizers, words, encoders);
        return new ExtractionModel(card, Digests.sha256(cardBytes), extractor, Map.copyOf(files));
    }

    /** The recognisers with the version's token tagger deciding spans; refused when the encoder differs from the one it learnt on. */
    private static SlotExtractor tagged(ExtractionCard card, IntentModel.VersionFiles checked, SlotExtractor recognizers,
                                        WordLists words, TokenEncoders encoders) throws IOException {
        if (words == null) {
            throw new IOException(card.capability() + "/" + card.version() + ": a tagger reads the banking-slots word lists");
        }
        ExtractionCard.Tagger tagger = card.tagger();
        if (!tagger.slots().equals(SlotTags.SLOTS)) {
            throw new IOException(card.capability() + "/" + card.version() + " tags " + tagger.slots() + "; this build tags " + SlotTags.SLOTS);
        }
        OnnxEncoder encoder = encoders.encoder(tagger.encoder().id());
        if (!encoder.digest().equals(tagger.encoder().digest())) {
            throw new IOException(card.capability() + "/" + card.version() + " was trained on another " + tagger.encoder().id()
                    + " than this build's");
        }
        LinearHead head;
        try (InputStream in = checked.open(tagger.head())) {
            head = LinearHead.read(in);
        }
        SlotTagger slots = new SlotTagger(encoders.tokens(tagger.encoder().id()), head,
                new SlotFeatures(tagger.neighbours(), tagger.hints()), words);
        return new TaggedSlotExtractor(recognizers, slots, Set.copyOf(tagger.keepRules()));
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
