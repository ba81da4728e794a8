package io.agenthub.pii;

import io.agenthub.api.PiiType;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression for one kind of personal data, with an optional checksum or rule the match must
 * pass, and context words: found within {@link #CONTEXT_WINDOW} characters before the match they raise
 * its score, and for formats too common to trust alone (a nine-digit number) they are required.
 */
final class PatternRecognizer implements Recognizer {

    static final int CONTEXT_WINDOW = 48;

    private final String name;
    private final PiiType type;
    private final Pattern pattern;
    private final int group;
    private final double score;
    private final Predicate<String> valid;
    private final List<String> context;
    private final boolean contextRequired;

    private PatternRecognizer(String name, PiiType type, Pattern pattern, int group, double score, Predicate<String> valid,
                              List<String> context, boolean contextRequired) {
        this.name = name;
        this.type = type;
        this.pattern = pattern;
        this.group = group;
        this.score = score;
        this.valid = valid;
        this.context = context;
        this.contextRequired = contextRequired;
    }

    static PatternRecognizer of(String name, PiiType type, String regex, double score) {
        return new PatternRecognizer(name, type, Pattern.compile(regex), 0, score, s -> true, List.of(), false);
    }

    /** Only the given capturing group is the personal data; the rest of the match is its frame. */
    PatternRecognizer group(int capturing) {
        return new PatternRecognizer(name, type, pattern, capturing, score, valid, context, contextRequired);
    }

    PatternRecognizer validatedBy(Predicate<String> rule) {
        return new PatternRecognizer(name, type, pattern, group, score, rule, context, contextRequired);
    }

    /** Context words raise the score of a match they precede. */
    PatternRecognizer context(String... words) {
        return new PatternRecognizer(name, type, pattern, group, score, valid, List.of(words), false);
    }

    /** The match counts only when one of these words precedes it. */
    PatternRecognizer onlyAfter(String... words) {
        return new PatternRecognizer(name, type, pattern, group, score, valid, List.of(words), true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void find(String text, List<PiiSpan> found) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            int start = m.start(group);
            int end = m.end(group);
            if (start < 0 || end <= start || !valid.test(m.group(group))) {
                continue;
            }
            boolean inContext = !context.isEmpty() && precededByContext(text, start);
            if (contextRequired && !inContext) {
                continue;
            }
            double s = inContext && !contextRequired ? Math.min(1.0, score + 0.35) : score;
            found.add(new PiiSpan(type, start, end, s, name));
        }
    }

    private boolean precededByContext(String text, int start) {
        String before = text.substring(Math.max(0, start - CONTEXT_WINDOW), start).toLowerCase(Locale.ROOT);
        for (String word : context) {
            int at = before.lastIndexOf(word);
            if (at >= 0 && (at == 0 || !Character.isLetter(before.charAt(at - 1)))) {
                return true;
            }
        }
        return false;
    }
}
