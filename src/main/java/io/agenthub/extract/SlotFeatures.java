package io.agenthub.extract;

import io.agenthub.slm.Features;
import io.agenthub.slm.OnnxEncoder;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the slot tagger sees of each word piece: its contextual vector (unit length) and, with {@code neighbours},
 * the vectors of the pieces either side; and for the piece and its neighbours the cheap flags an uncased encoder
 * cannot see or that word lists know better: capitals, digits and number shapes, currency, month and weekday names,
 * number words, parts of the day, units of time, whether the word is on the version's merchant or category list,
 * common in banking requests, or unknown to the encoder's vocabulary (a name). With {@code hints}, also which kind
 * of slot the recognisers would read there.
 *
 * @param neighbours whether the pieces either side contribute their vectors
 * @param hints      whether the recognisers' reading of the text is a feature
 */
public record SlotFeatures(boolean neighbours, boolean hints) {

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'&\\-]*|\\d[\\d.,]*");
    private static final Set<String> CURRENCY = Set.of("£", "$", "€", "pound", "pounds", "quid", "euro", "euros", "eur",
            "dollar", "dollars", "usd", "gbp", "bucks", "sterling", "p", "cents", "pence");
    private static final Set<String> MONTHS = Set.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
            "sep", "sept", "oct", "nov", "dec");
    private static final Set<String> WEEKDAYS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday", "weekend", "mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Set<String> NUMBER_WORDS = Set.of("one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
            "million", "half", "quarter", "couple", "few", "dozen", "several", "k");
    private static final Set<String> DAY_PARTS = Set.of("am", "pm", "a.m", "p.m", "a.m.", "p.m.", "o'clock", "oclock",
            "morning", "afternoon", "evening", "night", "noon", "midday", "midnight", "tonight");
    private static final Set<String> UNITS = Set.of("day", "days", "week", "weeks", "month", "months", "year", "years",
            "hour", "hours", "minute", "minutes", "mins", "fortnight", "weekly", "monthly", "daily", "yearly", "annually");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?|\\d+\\.\\d+");
    private static final Pattern ORDINAL = Pattern.compile("\\d{1,2}(st|nd|rd|th)");
    private static final int FLAGS = 19;
    /** With hints: the recognisers' slot at the piece (one flag per slot), and whether the piece starts it. */
    private static final int HINTS = SlotTags.SLOTS.size() + 1;

    /** Features of every piece of {@code text}; {@code rules} is what the recognisers read (used with hints only). */
    public float[][] of(String text, OnnxEncoder.TokenStates tokens, WordLists words, List<Slot> rules) {
        int n = tokens.size();
        int flags = flagCount();
        boolean[] merchant = new boolean[text.length() + 1];
        boolean[] category = new boolean[text.length() + 1];
        markPhrases(text, words, merchant, category);
        float[][] unit = new float[n][];
        float[][] shape = new float[n][];
        for (int i = 0; i < n; i++) {
            unit[i] = Features.normalise(tokens.states()[i].clone());
            shape[i] = shape(text, tokens, i, words, merchant, category, rules, flags);
        }
        int d = n == 0 ? 0 : unit[0].length;
        int vectors = neighbours ? 3 : 1;
        float[] none = new float[d];
        float[] noShape = new float[flags];
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] row = new float[vectors * d + 3 * flags];
            System.arraycopy(unit[i], 0, row, 0, d);
            if (neighbours) {
                System.arraycopy(i > 0 ? unit[i - 1] : none, 0, row, d, d);
                System.arraycopy(i + 1 < n ? unit[i + 1] : none, 0, row, 2 * d, d);
            }
            int at = vectors * d;
            System.arraycopy(shape[i], 0, row, at, flags);
            System.arraycopy(i > 0 ? shape[i - 1] : noShape, 0, row, at + flags, flags);
            System.arraycopy(i + 1 < n ? shape[i + 1] : noShape, 0, row, at + 2 * flags, flags);
            rows[i] = row;
        }
        return rows;
    }

    private int flagCount() {
        return FLAGS + (hints ? HINTS : 0);
    }

    /** Characters inside a phrase of the merchant list or the category list (one to three words). */
    private static void markPhrases(String text, WordLists words, boolean[] merchant, boolean[] category) {
        List<int[]> spans = new java.util.ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        for (int i = 0; i < spans.size(); i++) {
            for (int k = 1; k <= 3 && i + k <= spans.size(); k++) {
                int start = spans.get(i)[0];
                int end = spans.get(i + k - 1)[1];
                String phrase = text.substring(start, end).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("'s$", "");
                if (words.merchants().contains(phrase)) {
                    java.util.Arrays.fill(merchant, start, end, true);
                }
                if (words.category(phrase)) {
                    java.util.Arrays.fill(category, start, end, true);
                }
            }
        }
    }

    private float[] shape(String text, OnnxEncoder.TokenStates tokens, int i, WordLists words, boolean[] merchant,
                          boolean[] category, List<Slot> rules, int flags) {
        // The tokenizer's offsets can run past the Java string (its text is UTF-8); keep every index inside it.
        int start = Math.min(Math.max(0, tokens.starts()[i]), text.length());
        int end = Math.min(text.length(), Math.max(start, tokens.ends()[i]));
        String piece = text.substring(start, end);
        String word = wordAround(text, start, end);
        String lower = word.toLowerCase(Locale.ROOT);
        String bare = lower.replaceAll("[^\\p{L}\\p{N}'.&£$€-]", "").replaceAll("'s$", "").replaceAll("\\.$", "");
        boolean letters = piece.chars().anyMatch(Character::isLetter);
        boolean continuation = i > 0 && tokens.ends()[i - 1] == start;
        int before = start - 1;
        while (before >= 0 && text.charAt(before) == ' ') {
            before--;
        }
        boolean sentenceStart = before < 0 || ".!?:\n".indexOf(text.charAt(before)) >= 0;
        float[] shape = new float[flags];
        shape[0] = flag(!piece.isEmpty() && Character.isUpperCase(piece.codePointAt(0)));
        shape[1] = flag(letters && piece.chars().filter(Character::isLetter).allMatch(Character::isUpperCase) && piece.length() > 1);
        shape[2] = flag(piece.chars().anyMatch(Character::isDigit));
        shape[3] = flag(!piece.isEmpty() && piece.chars().allMatch(Character::isDigit));
        shape[4] = flag(!piece.isEmpty() && piece.chars().noneMatch(Character::isLetterOrDigit));
        shape[5] = flag(continuation);
        shape[6] = flag(sentenceStart && !continuation);
        shape[7] = flag(CURRENCY.contains(piece) || CURRENCY.contains(bare) || bare.matches("[£$€].*|.*[£$€]"));
        shape[8] = flag(MONTHS.contains(bare));
        shape[9] = flag(WEEKDAYS.contains(bare) || WEEKDAYS.contains(bare.replaceAll("s$", "")));
        shape[10] = flag(NUMBER_WORDS.contains(bare));
        shape[11] = flag(DAY_PARTS.contains(bare) || DAY_PARTS.contains(lower.replaceAll("[,;!?]$", "")));
        shape[12] = flag(UNITS.contains(bare));
        shape[13] = flag(end > start && merchant[start]);
        shape[14] = flag(end > start && category[start]);
        shape[15] = flag(letters && words.common().contains(bare));
        shape[16] = flag(letters && !words.common().contains(bare) && !words.vocabulary().contains(bare));
        shape[17] = flag(DECIMAL.matcher(bare.replaceAll("[£$€]", "")).matches());
        shape[18] = flag(ORDINAL.matcher(bare).matches());
        if (hints) {
            for (Slot slot : rules) {
                int named = SlotTags.SLOTS.indexOf(slot.name());
                if (named >= 0 && slot.start() < Math.max(end, start + 1) && start < slot.end()) {
                    shape[FLAGS + named] = 1f;
                    if (start <= slot.start()) {
                        shape[FLAGS + SlotTags.SLOTS.size()] = 1f;
                    }
                }
            }
        }
        return shape;
    }

    /** The whitespace-delimited word a piece belongs to, trailing punctuation aside. */
    static String wordAround(String text, int start, int end) {
        int from = start;
        while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
            from--;
        }
        int to = end;
        while (to < text.length() && !Character.isWhitespace(text.charAt(to))) {
            to++;
        }
        String word = text.substring(from, to);
        return word.replaceAll("[,;:!?\"()]+$", "").replaceAll("^[\"(]+", "");
    }

    private static float flag(boolean on) {
        return on ? 1f : 0f;
    }
}
