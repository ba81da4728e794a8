package io.agenthub.pii;

import io.agenthub.api.PiiType;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's name where the words before it say that a name follows: "my name is guy kephart", "Policy holder: John
 * Smith", "Mrs Byrne", "je m'appelle Amélie Laurent". People write names in chat in lower case and in frames the
 * tagger's training texts do not have, and in a form or a claim notice the label is the strongest evidence there is.
 * The name is the words after the frame up to punctuation, a line break or a word that is no part of a name ("and",
 * "here", "says"); after a title only a surname, or two capitalised words.
 */
final class FramedNameRecognizer implements Recognizer {

    static final String NAME = "name-after-label";
    private static final double SCORE = 0.7;

    /** Frames in running text, each followed by a name, in the languages of the hub's tenants and customers. */
    private static final Pattern SAID = Pattern.compile("(?iu)\\b(?:my name is|my name's|my full name is|name is|in the name of|"
            + "je m'appelle|je m’appelle|mon nom est|ich heiße|ich heisse|mein name ist|me llamo|mi nombre es|mi chiamo|"
            + "il mio nome è|mijn naam is|ik heet)\\s+");
    /**
     * Frames that introduce a name as often as something else ("ich bin Kunde seit", "ik ben mijn pas kwijt"): the
     * name must then be two capitalised words ("hier ist Guy Kephart").
     */
    private static final Pattern INTRODUCED = Pattern.compile("(?iu)\\b(?:this is|i am|i'm|it's|it is|hier ist|ich bin|"
            + "c'est|je suis|soy|sono|ik ben|hier is)\\s+");
    /** A label at the start of a line, a form's field: "Policy holder: John Smith". */
    private static final Pattern LABEL = Pattern.compile("(?imu)^[ \\t]*(?:name|full name|customer name|policy ?holder|"
            + "account ?holder|card ?holder|insured|insured person|claimant|policyholder name|name of (?:the )?(?:insured|"
            + "policy ?holder|account ?holder)|versicherungsnehmer(?:in)?|kontoinhaber(?:in)?|titulaire|assuré|assurée|"
            + "tomador|titular|assicurato|contraente|verzekeringnemer|rekeninghouder)[ \\t]*:[ \\t]*");
    /** A title before a surname. */
    private static final Pattern TITLE = Pattern.compile("(?u)\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Mme|Mlle|Sr|Sra|"
            + "Sig|Sig\\.ra|Dhr|Mevr)\\.?[ \\t]+");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’-]*");
    /** Words that end a name or show that what follows the frame is not one. */
    private static final Set<String> NOT_NAME = Set.of(
            "and", "but", "or", "from", "here", "speaking", "i", "im", "i'm", "is", "was", "my", "please", "thanks",
            "thank", "so", "can", "could", "would", "will", "want", "need", "the", "a", "an", "at", "on", "in", "to",
            "of", "for", "with", "by", "not", "wrong", "incorrect", "misspelled", "misspelt", "spelled", "spelt",
            "missing", "still", "different", "changed", "showing", "shown", "listed", "correct", "also", "now",
            "printed", "says", "said", "has", "have", "had", "who", "which", "that", "this", "it", "as", "if",
            "when", "because", "since", "passed", "died", "called", "wants", "asked", "never", "und", "et", "y", "e",
            "en", "ma", "mais", "aber", "pero", "con", "bitte", "svp", "der", "die", "das", "le", "la", "les", "el",
            "il", "het", "de", "ist", "est", "es", "è", "mit", "avec", "sur", "auf");
    /** Particles inside a name, never its first or last word: "Pieter de Vries", "Ludwig van Beethoven". */
    private static final Set<String> PARTICLES = Set.of("de", "van", "der", "den", "von", "da", "di", "del", "della",
            "dos", "das", "du", "la", "le", "al", "el", "bin", "ibn", "ter", "ten", "zu");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void find(String text, List<PiiSpan> found) {
        names(text, SAID.matcher(text), 3, false, 0, found);
        names(text, LABEL.matcher(text), 4, false, 0, found);
        names(text, TITLE.matcher(text), 2, true, 0, found);
        names(text, INTRODUCED.matcher(text), 3, false, 2, found);
    }

    /** "Cheriton Dr Reuquén": after a capitalised word or a number, "Dr" is a street's Drive, not a doctor. */
    private static boolean streetAbbreviation(String text, int titleStart) {
        if (!text.startsWith("Dr", titleStart)) {
            return false;
        }
        int i = titleStart - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        int end = i + 1;
        while (i >= 0 && !Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        String previous = text.substring(i + 1, end);
        return !previous.isEmpty() && (Character.isUpperCase(previous.codePointAt(0)) || Character.isDigit(previous.codePointAt(0)))
                && !previous.endsWith(",") && !previous.endsWith(".");
    }

    /**
     * @param afterTitle a surname, or two capitalised words, follow
     * @param capitals   how many of the words must be capitalised
     */
    private void names(String text, Matcher frames, int most, boolean afterTitle, int capitals, List<PiiSpan> found) {
        while (frames.find()) {
            if (afterTitle && streetAbbreviation(text, frames.start())) {
                continue;
            }
            int at = frames.end();
            int start = -1;
            int end = -1;
            int words = 0;
            int capitalisedWords = 0;
            Matcher word = WORD.matcher(text);
            while (words < most && at < text.length() && word.find(at) && word.start() == at) {
                String w = word.group();
                String lower = w.toLowerCase(Locale.ROOT);
                boolean capitalised = Character.isUpperCase(w.codePointAt(0));
                boolean particle = PARTICLES.contains(lower) && start >= 0;
                if (!particle && (NOT_NAME.contains(lower) || ((afterTitle && words > 0 || capitals > 0) && !capitalised))) {
                    break;
                }
                if (afterTitle && words == 0 && !capitalised && w.length() < 2) {
                    break;
                }
                if (start < 0) {
                    start = word.start();
                }
                if (!particle) {
                    end = word.end();
                    capitalisedWords += capitalised ? 1 : 0;
                }
                words++;
                at = word.end();
                // an initial's stop ("Jaroslava P. Sedláčková"), then one space or tab between the words of a name;
                // anything else ends it
                if (w.length() == 1 && capitalised && text.startsWith(". ", at)) {
                    at++;
                }
                if (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
                    at++;
                } else {
                    break;
                }
            }
            if (start >= 0 && end > start && capitalisedWords >= capitals) {
                while (end > start && "'’-".indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
                found.add(new PiiSpan(PiiType.PERSON, start, end, SCORE, NAME));
            }
        }
    }
}
