package io.agenthub.capability;

import io.agenthub.slm.WordList;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tier's gate on words rather than vectors: the share of a request's words that are in a list of the words its
 * models were trained on ({@code knownWords} in {@code processors/<capability>.yaml}). The encoders read English; a
 * request in another language or of keyboard mash is mostly words they never saw in training, and its vector can
 * still land near some intent's examples ("Comment changer mon code PIN ?" near change_pin). Below the minimum share
 * the tier does not answer and the request moves on. Pseudonymisation tokens ({@code <PERSON_1>}) are not words the
 * customer wrote and are left out; a request of tokens alone has nothing for the models to read and is turned away. A
 * request of one word is not judged: "perhaps" or "farewell" would be turned away for one rare word.
 */
public final class KnownWords {

    /** How a rejection by this gate begins ({@code known words 1 of 5 (0.20), below 0.50}). */
    static final String REJECTION = "known words ";

    private static final Pattern TOKEN = Pattern.compile("<[A-Z][A-Z_]*_\\d+>");
    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:'\\p{L}+)*");
    private static final int FEWEST_JUDGED = 2;

    private final Set<String> words;
    private final double minShare;

    public KnownWords(Set<String> words, double minShare) {
        if (!(minShare >= 0 && minShare <= 1)) {
            throw new IllegalArgumentException("the minimum share of known words is between 0 and 1; was " + minShare);
        }
        this.words = Set.copyOf(words);
        this.minShare = minShare;
    }

    /** The list's words (one per line, {@code #} comments: the format of {@code agent-hub pii common-words}). */
    public static KnownWords read(InputStream in, double minShare) throws IOException {
        Set<String> words = WordList.read(in);
        if (words.isEmpty()) {
            throw new IOException("the known-words list has no words");
        }
        return new KnownWords(words, minShare);
    }

    /** Why a tier reading only these words should not answer {@code text}; null when it may. */
    public String rejection(String text) {
        Matcher tokens = TOKEN.matcher(text);
        boolean tokenised = tokens.find();
        Matcher word = WORD.matcher(tokens.replaceAll(" ").replace('\u2019', '\''));
        int total = 0;
        int known = 0;
        while (word.find()) {
            String lower = word.group().toLowerCase(Locale.ROOT);
            if (lower.length() < 2) {
                continue;
            }
            total++;
            known += words.contains(lower) ? 1 : 0;
        }
        if (total == 0 && tokenised) {
            return REJECTION + "none: the request is pseudonymisation tokens alone";
        }
        if (total < FEWEST_JUDGED || (double) known / total >= minShare) {
            return null;
        }
        return String.format(Locale.ROOT, REJECTION + "%d of %d (%.2f), below %.2f", known, total, (double) known / total, minShare);
    }
}
