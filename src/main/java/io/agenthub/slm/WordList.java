package io.agenthub.slm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The word lists under {@code models/} (common words, merchants, categories): one word or phrase per line, read
 * lower-cased; blank lines and lines starting with {@code #} are skipped.
 */
public final class WordList {

    private WordList() {
    }

    public static Set<String> read(InputStream source) throws IOException {
        Set<String> words = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip().toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        }
        return Set.copyOf(words);
    }
}
