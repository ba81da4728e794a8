package io.agenthub.extract;

import io.agenthub.pii.PiiSpan;
import io.agenthub.pii.Pseudonymiser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a prompt may hold: the request with each personal value the detector finds replaced by a numbered token
 * ({@code <PERSON_1>}), and the way back for the answer's slots, inside this request only. The original values
 * never leave the process; the model copies tokens, and the tier puts the values back before validation.
 */
public final class PromptRedaction {

    /** A request that needs no redaction: the text is already pseudonymised (the hub's routes) or holds none. */
    public static final PromptRedaction NONE = new PromptRedaction(text -> List.of());

    private final Function<String, List<PiiSpan>> detector;

    public PromptRedaction(Function<String, List<PiiSpan>> detector) {
        this.detector = detector;
    }

    /** A redacted text and its tokens' originals. */
    public record Redacted(String text, Map<String, String> originals) {

        /** {@code other} (an earlier tier's answer) with this request's personal values replaced by their tokens. */
        public String apply(String other) {
            return tokenise(other, originals);
        }

        /** {@code answer} with every token of this request replaced by its original value. */
        public String restore(String answer) {
            return PromptRedaction.restore(answer, originals);
        }
    }

    /** {@code text} with each value of {@code originals} (token name → value) replaced by its token, {@code <PERSON_1>}. */
    static String tokenise(String text, Map<String, String> originals) {
        String out = text;
        for (Map.Entry<String, String> token : originals.entrySet()) {
            out = out.replace(token.getValue(), "<" + token.getKey() + ">");
        }
        return out;
    }

    /** {@code text} with each token named in {@code originals} replaced by its value; other tokens stay. */
    static String restore(String text, Map<String, String> originals) {
        return originals.isEmpty() ? text : Pseudonymiser.replaceTokens(text, (token, type) -> originals.get(token));
    }

    public Redacted redact(String text) {
        List<PiiSpan> spans = detector.apply(text);
        if (spans.isEmpty()) {
            return new Redacted(text, Map.of());
        }
        StringBuilder out = new StringBuilder(text.length());
        Map<String, String> originals = new HashMap<>();
        Map<String, String> tokens = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        int at = 0;
        for (PiiSpan span : spans) {
            String value = text.substring(span.start(), span.end());
            String token = tokens.computeIfAbsent(span.type() + "\u0000" + value, k -> {
                String name = span.type().name() + "_" + counts.merge(span.type().name(), 1, Integer::sum);
                originals.put(name, value);
                return name;
            });
            out.append(text, at, span.start()).append('<').append(token).append('>');
            at = span.end();
        }
        return new Redacted(out.append(text.substring(at)).toString(), Map.copyOf(originals));
    }
}
