package io.agenthub.pii;

import io.agenthub.slm.WordList;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, cheaply, whether a text could hold a name, a street address or a postal code, so the tagger's
 * encoder pass (milliseconds) runs only where it can find something. A text passes when it has a code-like
 * number (five digits, or digits next to letters), a word that frames such data ("name", "street", "zip", ...), or any word outside a list of common words
 * (names are not common words, in any case). The common words are those seen at least twice in ordinary
 * requests other than capitalised ("john", "GBP" and "ATMs" count; "John" does not, as names are written
 * so), lower-cased ({@code agent-hub pii common-words}).
 */
public final class TaggerGate implements Predicate<String> {

    private static final Pattern WORD = Pattern.compile("[A-Za-z]+(?:'[a-z]+)?");
    /** A postal code's five digits, or letters and digits together (221B, NW1); amounts and days are neither. */
    private static final Pattern CODE_LIKE = Pattern.compile("\\d{5}|\\d[A-Za-z]|[A-Za-z]\\d");
    /** Where a sentence ends: its stop and the spaces after it, before a capital, a digit or a quote. */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+\\s+(?=[\"'(]?[A-Z0-9])");
    /** What comes before a stop that ends no sentence: an initial, a title or a street's abbreviation. */
    private static final Pattern ABBREVIATED = Pattern.compile("(?:^|[^A-Za-z])(?:[A-Za-z]|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Mt|Ave|Rd|No|Apt|Co|Inc|Ltd|vs|etc)$");
    private static final Set<String> FRAMES = Set.of("name", "named", "called", "live", "lives", "living", "address",
            "street", "road", "avenue", "lane", "zip", "postcode", "postal", "mr", "mrs", "ms", "miss", "dr");

    /** An earlier recogniser's span this sure (at the detector's usual minScore) bounds the tagger's spans. */
    private static final double SURE = 0.5;

    private final Set<String> commonWords;

    public TaggerGate(Set<String> commonWords) {
        this.commonWords = Set.copyOf(commonWords);
    }

    /** The common words of these texts: words not written capitalised, seen at least {@code minCount} times. */
    public static TaggerGate learn(List<String> texts, int minCount) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            Matcher words = WORD.matcher(text);
            while (words.find()) {
                String word = words.group();
                String lower = word.toLowerCase(Locale.ROOT);
                boolean capitalised = Character.isUpperCase(word.charAt(0)) && word.substring(1).equals(lower.substring(1));
                if (!capitalised && !FRAMES.contains(lower)) {
                    counts.merge(lower, 1, Integer::sum);
                }
            }
        }
        Set<String> common = new TreeSet<>();
        counts.forEach((word, count) -> {
            if (count >= minCount) {
                common.add(word);
            }
        });
        return new TaggerGate(common);
    }

    /** One word per line; lines starting with # are comments. */
    public static TaggerGate read(InputStream in) throws IOException {
        return new TaggerGate(WordList.read(in));
    }

    public void write(Path file, String provenance) throws IOException {
        StringBuilder text = new StringBuilder();
        provenance.lines().forEach(line -> text.append("# ").append(line).append('\n'));
        new TreeSet<>(commonWords).forEach(word -> text.append(word).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }

    public int size() {
        return commonWords.size();
    }

    /** Whether {@code lowerCased} is one of the common words. */
    public boolean isCommon(String lowerCased) {
        return commonWords.contains(lowerCased);
    }

    @Override
    public boolean test(String text) {
        if (CODE_LIKE.matcher(text).find()) {
            return true;
        }
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            String word = words.group();
            String lower = word.toLowerCase(Locale.ROOT);
            if (FRAMES.contains(lower) || (!commonWords.contains(lower) && !word.equals("I"))) {
                return true;
            }
        }
        return false;
    }

    private static String withoutSpans(String text, List<PiiSpan> found) {
        if (found.isEmpty()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (PiiSpan span : found) {
            Arrays.fill(chars, span.start(), Math.min(span.end(), chars.length), ' ');
        }
        return new String(chars);
    }

    /**
     * The passages of {@code text} the gate lets through: each sentence is judged on its own, and runs of
     * consecutive sentences that pass are one passage, {start, end}. Sentences end at ".", "!" or "?"
     * before a capital or digit, but not after an initial or a title ("J. Smith", "Mr. Smith"); lines do
     * not end them, as an address runs over several.
     */
    public List<int[]> passages(String text) {
        List<int[]> passages = new ArrayList<>();
        int start = 0;
        Matcher ends = SENTENCE_END.matcher(text);
        while (start < text.length()) {
            int end = text.length();
            while (ends.find()) {
                if (!ABBREVIATED.matcher(text.substring(Math.max(0, ends.start() - 6), ends.start())).find()) {
                    end = ends.end();
                    break;
                }
            }
            if (test(text.substring(start, end))) {
                int[] last = passages.isEmpty() ? null : passages.get(passages.size() - 1);
                if (last != null && last[1] == start) {
                    last[1] = end;
                } else {
                    passages.add(new int[] {start, end});
                }
            }
            start = end;
        }
        return passages;
    }

    /**
     * The recogniser, run only on the passages this gate lets through: a request with a name in one of
     * its sentences costs the encoder that sentence, not the whole text. Each passage is judged without
     * what earlier recognisers found (a card number's digits are no postcode). What the tagger finds there is
     * checked by {@link TaggerSpanCheck}: on gibberish and other languages it finds names and addresses that are none.
     */
    public Recognizer guard(Recognizer recognizer) {
        TaggerSpanCheck check = new TaggerSpanCheck(this::isCommon);
        return Recognizer.named(recognizer.name(), (text, found) -> {
            boolean english = check.english(text);
            List<PiiSpan> sure = found.stream().filter(span -> span.score() >= SURE).toList();
            for (int[] passage : passages(withoutSpans(text, found))) {
                String words = text.substring(passage[0], passage[1]);
                List<PiiSpan> inPassage = new ArrayList<>();
                recognizer.find(words, inPassage);
                List<PiiSpan> earlier = sure.stream().filter(span -> span.start() < passage[1] && span.end() > passage[0])
                        .map(span -> new PiiSpan(span.type(), Math.max(0, span.start() - passage[0]),
                                Math.min(passage[1], span.end()) - passage[0], span.score(), span.recognizer()))
                        .toList();
                check.check(words, inPassage, earlier, english).forEach(span -> found.add(span.shifted(passage[0])));
            }
        });
    }
}
