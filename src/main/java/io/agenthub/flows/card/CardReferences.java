package io.agenthub.flows.card;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cards a customer named in their own words, as last four digits: "the one ending 4111", "card
 * ****4111", "last four digits are 4111", or a whole card number (pseudonymised at the door, so it
 * arrives as a token that only the vault can read). A bare four-digit number ("in 2026") names no card.
 */
final class CardReferences {

    private static final Pattern ENDING = Pattern.compile(
            "(?:\\bend(?:s|ing|ed)?(?:\\s+(?:in|with))?|\\blast\\s+(?:four|4)(?:\\s+digits)?(?:\\s+(?:are|is|were|of))?"
                    + "|\\bcard(?:\\s+(?:number|no\\.?))?|[*xX\u2022#.]{2,})\\s*[:#]?\\s*(\\d{4})(?!\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CARD_TOKEN = Pattern.compile("<CREDIT_CARD_\\d+>");

    /**
     * What the text names: the last four digits of each card it refers to, and whether it also holds a
     * card number that could not be read (erased, or no vault), which names a card all the same.
     */
    record Named(Set<String> last4, boolean unreadable) {

        boolean any() {
            return unreadable || !last4.isEmpty();
        }
    }

    private CardReferences() {
    }

    /** @param reveal the original value behind a token of the request's subject, if it can still be read */
    static Named in(String text, Function<String, Optional<String>> reveal) {
        Set<String> last4 = new LinkedHashSet<>();
        Matcher ending = ENDING.matcher(text);
        while (ending.find()) {
            last4.add(ending.group(1));
        }
        boolean unreadable = false;
        Matcher token = CARD_TOKEN.matcher(text);
        while (token.find()) {
            Optional<String> digits = reveal.apply(token.group()).map(v -> v.replaceAll("\\D", ""));
            if (digits.isPresent() && digits.get().length() >= 4) {
                last4.add(digits.get().substring(digits.get().length() - 4));
            } else {
                unreadable = true;
            }
        }
        return new Named(Set.copyOf(last4), unreadable);
    }
}
