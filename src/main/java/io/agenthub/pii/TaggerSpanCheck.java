package io.agenthub.pii;

import io.agenthub.api.PiiType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the tagger may report, judged on the words of each span and of the passage it was found in. The tagger reads
 * an English encoder's states, trained on English texts: on gibberish and on other languages it calls ordinary words
 * names and addresses ("J'ai perdu ma carte" became a name and an address, "blorp 12345" an address, "GBP 3,150." an
 * address). A token replacing those destroys what the request meant, so a span must look like what it claims to be:
 * <ul>
 *   <li>a street address has a house number (not an amount: "3,150", "2000 Euro") and a street word ("Street", "rue",
 *       "-straße") or a capitalised word that is not a common one; without a number, a street word and two
 *       capitalised words ("Herceg Gateway");</li>
 *   <li>a name loses words at its edges that are common words written in lower case or at a sentence's start
 *       ("Policy holder:") and words that are no words (no vowel, a letter three times over); in a passage that is not
 *       English (most of its lower-case words are not common English words: French, German, gibberish) a name must
 *       be two capitalised words ("Amélie Laurent"), as a single one is as likely a German noun;</li>
 *   <li>a postal code has a digit.</li>
 * </ul>
 * The common words are the tagger gate's ({@link TaggerGate}), learnt from ordinary English requests.
 */
final class TaggerSpanCheck {

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}]*");
    private static final Pattern TOKEN = Pattern.compile("\\S+");
    private static final Pattern HOUSE_NUMBER = Pattern.compile("(?i)\\d{1,5}[a-z]?|[a-z]{1,2}\\d{1,2}[a-z]?|\\d{1,5}-\\d{1,5}|\\d{1,4}[a-z]{1,2}\\d?");
    private static final Pattern CURRENCY = Pattern.compile("(?i)[£$€¥]|gbp|eur|usd|chf|jpy|euros?|pounds?|dollars?|quid|pence|euro|cents?|eu|kr|sek|nok|dkk|pln");
    private static final Pattern VOWEL = Pattern.compile("(?iu)[aeiouyäöüàáâãåæèéêëìíîïòóôõøùúûýœ]");
    /** What follows a form's label, not a name: "Policy holder:", "Account number:". */
    private static final Pattern LABEL_AFTER = Pattern.compile("[ \\t]+\\p{Ll}+[ \\t]*:");
    private static final Pattern ABBREVIATION = Pattern.compile("(?:^|[^\\p{L}])(?:\\p{L}|Mr|Mrs|Ms|Dr|Prof|St|Mme|Sr|Sra)$");
    private static final Pattern TRIPLED = Pattern.compile("(?iu)(\\p{L})\\1\\1");
    /** Words that say a street: whole words, in the languages of the tenants' customers. */
    private static final Set<String> STREET_WORDS = Set.of(
            "street", "st", "road", "rd", "lane", "ln", "avenue", "ave", "drive", "dr", "close", "way", "crescent",
            "grove", "court", "ct", "place", "pl", "square", "sq", "terrace", "gardens", "walk", "row", "hill",
            "park", "parade", "mews", "boulevard", "blvd", "highway", "hwy", "route", "flat", "apt", "apartment",
            "suite", "unit", "floor", "box", "po", "gateway", "isle", "fort", "wharf", "quay", "rue", "chemin",
            "allée", "impasse", "quai", "cours", "bd", "av", "via", "viale", "corso", "piazza", "piazzale", "vicolo",
            "largo", "calle", "c", "avenida", "avda", "paseo", "plaza", "carrer", "camino", "ronda", "travesía",
            "rua", "travessa", "ulica", "ul", "straße", "strasse", "str", "weg", "gasse", "platz", "allee", "ring",
            "damm", "ufer", "gracht", "straat", "laan", "plein", "kade", "singel", "dijk", "steeg", "vej", "gade",
            "gatan", "vägen", "katu", "tie", "kuja", "u", "utca", "út");
    /** Endings of one-word street names: Hauptstraße, Keizersgracht, Kastanienweg, Koskikatu. */
    private static final Pattern STREET_SUFFIX = Pattern.compile("(?iu).{2,}(?:straße|strasse|str|weg|gasse|platz|allee|"
            + "ring|damm|ufer|gracht|straat|laan|plein|kade|singel|dijk|steeg|vej|gade|gatan|vägen|katu|tie|kuja|markt)");

    private final Predicate<String> common;

    /** @param common whether a lower-cased word is a common English word */
    TaggerSpanCheck(Predicate<String> common) {
        this.common = common;
    }

    /**
     * The spans of {@code found} (found in {@code passage}) that pass, names trimmed to their name words, addresses to
     * where they start, and each cut where it runs into what an earlier recogniser found of another kind
     * ({@code earlier}, in the passage's offsets): a framed name or an identifier is better evidence than the
     * tagger's run of words around it. Only names (framed) and custom kinds (national identifiers) cut: a postal code
     * belongs inside an address, and a phone recogniser's guess at an address's numbers is weaker than the address.
     */
    List<PiiSpan> check(String passage, List<PiiSpan> found, List<PiiSpan> earlier, boolean english) {
        List<PiiSpan> kept = new ArrayList<>();
        for (PiiSpan tagged : found) {
            PiiSpan span = cut(tagged, earlier);
            if (span == null) {
                continue;
            }
            if (span.type() == PiiType.STREET_ADDRESS) {
                PiiSpan address = addressStart(passage, span);
                if (address != null && address(passage, address)) {
                    kept.add(address);
                }
            } else if (span.type() == PiiType.PERSON) {
                PiiSpan name = name(passage, span, english);
                if (name != null) {
                    kept.add(name);
                }
            } else if (span.type() != PiiType.ZIP_CODE || passage.substring(span.start(), span.end()).chars().anyMatch(Character::isDigit)) {
                kept.add(span);
            }
        }
        return kept;
    }

    /**
     * The longer part of {@code span} outside every earlier span of another kind it overlaps; null when none is left,
     * or when an earlier span of its own kind overlaps it.
     */
    private static PiiSpan cut(PiiSpan span, List<PiiSpan> earlier) {
        int start = span.start();
        int end = span.end();
        for (PiiSpan other : earlier) {
            boolean bounds = other.type() == PiiType.PERSON || !other.type().builtIn();
            if (!bounds || other.end() <= start || other.start() >= end) {
                continue;
            }
            if (other.type() == span.type()) {
                return null;  // the framed name says where the name is: "guy kephart", not the tagger's "kephart"
            }
            if (other.start() - start >= end - other.end()) {
                end = other.start();
            } else {
                start = other.end();
            }
            if (end <= start) {
                return null;
            }
        }
        return new PiiSpan(span.type(), start, end, span.score(), span.recognizer());
    }

    /**
     * The address from its first word that can start one: a number, a street word or a capitalised word; the words
     * before ("ma nouvelle adresse est 12 rue de Rivoli") are the sentence around it.
     */
    private static PiiSpan addressStart(String passage, PiiSpan span) {
        Matcher tokens = TOKEN.matcher(passage);
        tokens.region(span.start(), span.end());
        while (tokens.find()) {
            String token = strip(tokens.group());
            String lower = token.toLowerCase(Locale.ROOT);
            if (token.isEmpty()) {
                continue;
            }
            if (token.chars().anyMatch(Character::isDigit) || Character.isUpperCase(token.codePointAt(0))
                    || STREET_WORDS.contains(lower.replace(".", "")) || STREET_SUFFIX.matcher(lower).matches()
                    || !token.chars().anyMatch(Character::isLetter)) {
                return tokens.start() == span.start() ? span
                        : new PiiSpan(span.type(), tokens.start(), span.end(), span.score(), span.recognizer());
            }
        }
        return null;
    }

    /**
     * Whether a text reads as English: two in five of its lower-case words (two letters or more) are common English
     * words, or there are too few to tell (under three). Whole texts are judged, not passages, for more words: on
     * the Presidio texts 17 of 447 fall under two in five (names, places and rare words), the French, German,
     * Spanish, Italian and Dutch requests of datasets/pii-chat/clean-dev.jsonl are at 0.12-0.33, gibberish at 0.
     */
    boolean english(String passage) {
        int words = 0;
        int known = 0;
        Matcher m = WORD.matcher(passage);
        while (m.find()) {
            String w = m.group();
            if (w.length() >= 2 && w.equals(w.toLowerCase(Locale.ROOT))) {
                words++;
                known += common.test(w) ? 1 : 0;
            }
        }
        return words < 3 || 5 * known >= 2 * words;
    }

    private boolean address(String passage, PiiSpan span) {
        String text = passage.substring(span.start(), span.end());
        boolean number = false;
        Matcher tokens = TOKEN.matcher(text);
        while (tokens.find()) {
            String token = strip(tokens.group());
            if (HOUSE_NUMBER.matcher(token).matches() && token.chars().anyMatch(Character::isDigit)
                    && !amount(passage, span.start() + tokens.start(), span.start() + tokens.end())) {
                number = true;
            }
        }
        int capitalised = 0;
        boolean street = false;
        boolean uncommonCapitalised = false;
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            String w = words.group();
            String lower = w.toLowerCase(Locale.ROOT);
            if (STREET_WORDS.contains(lower) || STREET_SUFFIX.matcher(lower).matches()) {
                street = true;
            }
            if (w.length() >= 2 && Character.isUpperCase(w.codePointAt(0)) && !w.equals(w.toUpperCase(Locale.ROOT))) {
                capitalised++;
                uncommonCapitalised |= !common.test(lower);
            }
        }
        return number ? street || uncommonCapitalised : street && capitalised >= 2;
    }

    /** A number written as money: with a currency before or after it, or with decimals or thousands ("3,150"). */
    private static boolean amount(String passage, int start, int end) {
        String token = strip(passage.substring(start, end));
        if (token.matches(".*\\d[.,]\\d.*")) {
            return true;
        }
        String before = passage.substring(Math.max(0, start - 5), start).strip();
        String[] previous = before.split("\\s+");
        String after = passage.substring(end, Math.min(passage.length(), end + 8)).strip();
        String[] next = after.split("[\\s.,;:!?]+");
        return (previous.length > 0 && CURRENCY.matcher(previous[previous.length - 1]).matches())
                || before.endsWith("£") || before.endsWith("$") || before.endsWith("€")
                || (next.length > 0 && CURRENCY.matcher(next[0]).matches());
    }

    private static String strip(String token) {
        return token.replaceAll("^[(\"']+|[,;:.!?)\"']+$", "");
    }

    private PiiSpan name(String passage, PiiSpan span, boolean english) {
        List<int[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(passage);
        m.region(span.start(), span.end());
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
        }
        int first = 0;
        int last = words.size() - 1;
        while (first <= last && notName(passage, words.get(first))) {
            first++;
        }
        while (last >= first && notName(passage, words.get(last))) {
            last--;
        }
        if (first > last || LABEL_AFTER.matcher(passage).region(words.get(last)[1], passage.length()).lookingAt()) {
            return null;
        }
        if (!english) {
            int capitalised = 0;
            for (int i = first; i <= last; i++) {
                int[] w = words.get(i);
                String word = passage.substring(w[0], w[1]);
                capitalised += Character.isUpperCase(word.codePointAt(0)) && !word.equals(word.toUpperCase(Locale.ROOT))
                        && !sentenceStart(passage, w[0]) ? 1 : 0;
            }
            if (capitalised < 2) {
                return null;
            }
        }
        int start = first == 0 ? span.start() : words.get(first)[0];
        int end = last == words.size() - 1 ? span.end() : words.get(last)[1];
        return new PiiSpan(span.type(), start, end, span.score(), span.recognizer());
    }

    /** A word at a name's edge that is no part of it: common and written so, or no word at all. */
    private boolean notName(String passage, int[] word) {
        String w = passage.substring(word[0], word[1]);
        String lower = w.toLowerCase(Locale.ROOT);
        if (w.length() > 2 && (!VOWEL.matcher(w).find() || TRIPLED.matcher(w).find())) {
            return true;
        }
        // A capitalised common word stays: "John" and "Kevin" are common words, as people write them in requests.
        return common.test(lower) && w.equals(lower);
    }

    private static boolean sentenceStart(String passage, int at) {
        int i = at - 1;
        while (i >= 0 && (passage.charAt(i) == ' ' || passage.charAt(i) == '\t')) {
            i--;
        }
        if (i >= 0 && passage.charAt(i) == '.' && ABBREVIATION.matcher(passage.substring(Math.max(0, i - 5), i)).find()) {
            return false;  // "Mr. James": a title's stop ends no sentence
        }
        return i < 0 || ".!?\n\"(".indexOf(passage.charAt(i)) >= 0;
    }
}
