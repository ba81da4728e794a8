package io.agenthub.pii;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One entry of {@code recognizers:} in compliance/pii.yaml, with Presidio's field names. A predefined recogniser is
 * named and switched on or off (the phone recogniser and the tagger with their settings); a custom one is a pattern
 * recogniser declared whole. Which record an entry is read as follows from its name and {@code type}.
 */
public sealed interface RecognizerDeclaration {

    String name();

    /** Absent means on. */
    Boolean enabled();

    default boolean isEnabled() {
        return enabled() == null || enabled();
    }

    /** A predefined pattern recogniser without settings: {@code - name: credit-card}. */
    record Predefined(String name, String type, Boolean enabled) implements RecognizerDeclaration {
    }

    /** The phone recogniser: the regions whose national numbering plans it knows. */
    record PhoneNumbers(String name, String type, Boolean enabled, List<String> regions) implements RecognizerDeclaration {
    }

    /**
     * The tagger for names, street addresses and postal codes.
     *
     * @param model its version folder under models/, e.g. {@code pii-tagger/v5}
     * @param gate  a common-words list under models/; the tagger then reads only passages that could hold what it
     *              finds (absent: every text)
     */
    record Tagger(String name, String type, Boolean enabled, String model, String gate) implements RecognizerDeclaration {
    }

    /**
     * A recogniser declared in the file: patterns for one kind of personal data, optional context words and check.
     *
     * @param supportedEntity   the kind it finds, a Presidio name or a new one ({@code NL_BSN})
     * @param supportedLanguage the language of its context words; requests carry none, so every enabled
     *                          recogniser reads every request
     * @param context           words that raise a match's score by 0.35 when found within 48 characters before it
     * @param contextRequired   a match counts only with a context word before it (for formats too common alone)
     * @param checksum          the check a match must pass: none, luhn, mod97, us-ssn or elfproef
     */
    record Custom(String name, String type, Boolean enabled,
                  @JsonProperty("supported_entity") String supportedEntity,
                  @JsonProperty("supported_language") String supportedLanguage,
                  List<Pattern> patterns, List<String> context,
                  @JsonProperty("context_required") Boolean contextRequired,
                  String checksum) implements RecognizerDeclaration {

        /**
         * @param score the confidence of a match (compared with minScore), before context words raise it
         * @param group the capturing group that is the value, when the rest of the match frames it (absent: all)
         */
        public record Pattern(String name, String regex, Double score, Integer group) {
        }
    }
}
