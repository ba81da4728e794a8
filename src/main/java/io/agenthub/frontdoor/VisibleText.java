package io.agenthub.frontdoor;

/**
 * Free text that models read and people are shown (a request's text, a contest statement): it must be what
 * it looks like. Refused rather than cleaned, so what is stored is exactly what the caller sent:
 * <ul>
 *   <li>control characters other than tab and line breaks;</li>
 *   <li>unpaired surrogates, which are no Unicode text at all (a JSON {@code "\ud800"} escape makes one);</li>
 *   <li>invisible format characters (Unicode category Cf): bidirectional overrides and isolates (U+202A-U+202E,
 *       U+2066-U+2069, U+200E/F, U+061C) show a reviewer a text in another order than the models read it,
 *       and zero-width ones (U+200B, U+2060, U+FEFF, ...) hide what a value is. The zero-width joiner and
 *       non-joiner (U+200C, U+200D) are allowed: emoji sequences and several scripts need them.</li>
 * </ul>
 */
public final class VisibleText {

    private VisibleText() {
    }

    /** Why {@code text} is refused, said to the caller; null when it is fine. */
    public static String problemWith(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c <= 0xFFFF && Character.isSurrogate((char) c)) {
                return "is not valid Unicode: an unpaired surrogate at character " + i;
            }
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain control characters";
            }
            if (Character.getType(c) == Character.FORMAT && c != 0x200C && c != 0x200D) {
                return String.format("must not contain invisible formatting characters such as U+%04X at character %d"
                        + " (bidirectional and zero-width controls show a reader another text)", c, i);
            }
            i += Character.charCount(c);
        }
        return null;
    }
}
