package io.agenthub.pii;

import io.agenthub.api.PiiType;
import io.agenthub.slm.LinearHead;
import io.agenthub.slm.OnnxEncoder;
import io.agenthub.slm.Softmax;
import io.agenthub.slm.SoftmaxRegression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Names, street addresses and postal codes, which no pattern captures: a softmax regression over each
 * word piece's contextual vector (a small in-process encoder) tags it Begin/Inside of an entity or
 * Outside, words take the vote of their pieces, and runs of tagged words become spans. Organisations and places are learnt too, so they are
 * not mistaken for people or addresses, but are not reported.
 */
public final class EntityTagger implements Recognizer {

    private static final String TRAILING_PUNCTUATION = ",;:!?\"')";

    /** The entity kinds tagged; the first three are reported as personal data. */
    public static final List<String> ENTITIES = List.of("PERSON", "STREET_ADDRESS", "ZIP_CODE", "ORGANIZATION", "GPE");
    private static final int REPORTED = 3;
    /**
     * The probability with which a word starts an entity, and with which a word right after an entity
     * continues it: below a majority, as recall matters more than precision here (F2 weighs a missed
     * name four times a false alarm). Chosen by cross-validation on the training texts.
     */
    private static final double START = 0.35;
    private static final double CONTINUE = 0.25;
    /** Training texts encoded per pass. */
    private static final int ENCODE_BATCH = 32;

    private final OnnxEncoder encoder;
    private final LinearHead head;
    private final NameGazetteer names;
    private final Function<String, OnnxEncoder.TokenStates> tokens;

    public EntityTagger(OnnxEncoder encoder, LinearHead head, NameGazetteer names) {
        this(encoder, head, names, encoder::tokenStates);
    }

    private EntityTagger(OnnxEncoder encoder, LinearHead head, NameGazetteer names,
                         Function<String, OnnxEncoder.TokenStates> tokens) {
        this.encoder = encoder;
        this.head = head;
        this.names = names;
        this.tokens = tokens;
    }

    /** The same tagger reading its encoder's token states through {@code tokens}, e.g. a shared batcher. */
    public EntityTagger withTokenStates(Function<String, OnnxEncoder.TokenStates> tokens) {
        return new EntityTagger(encoder, head, names, tokens);
    }

    public OnnxEncoder encoder() {
        return encoder;
    }

    /** Tag 0 is Outside; entity e has Begin 1 + 2e and Inside 2 + 2e. */
    static int classes() {
        return 1 + 2 * ENTITIES.size();
    }

    @Override
    public String name() {
        return "entity-tagger";
    }

    public LinearHead head() {
        return head;
    }

    public NameGazetteer names() {
        return names;
    }

    /**
     * Tags words, not pieces: a word's pieces vote with their mean probabilities. Runs of words with the
     * same entity, with nothing but spaces, line breaks or punctuation between them, are one span: an
     * address runs over several lines.
     */
    @Override
    public void find(String text, List<PiiSpan> found) {
        OnnxEncoder.TokenStates tokens = this.tokens.apply(text);
        float[][] x = TokenFeatures.of(text, tokens, names);
        List<Run> runs = new ArrayList<>();
        int previousWordEnd = -1;
        int i = 0;
        while (i < x.length) {
            int wordEnd = i + 1;
            while (wordEnd < x.length && tokens.starts()[wordEnd] == tokens.ends()[wordEnd - 1]) {
                wordEnd++;
            }
            double[] p = new double[classes()];
            for (int k = i; k < wordEnd; k++) {
                double[] pk = Softmax.of(head.logits(x[k]), head.temperature());
                for (int c = 0; c < p.length; c++) {
                    p[c] += pk[c] / (wordEnd - i);
                }
            }
            // Begin and Inside of one entity are one vote: a name's first piece reads Begin, its others Inside.
            int entity = -1;
            double best = START;
            for (int e = 0; e < ENTITIES.size(); e++) {
                double mass = p[1 + 2 * e] + p[2 + 2 * e];
                if (mass >= best) {
                    best = mass;
                    entity = e;
                }
            }
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            int start = tokens.starts()[i];
            int end = tokens.ends()[wordEnd - 1];
            if (last != null && last.end == previousWordEnd && last.touches(text, start)) {
                // A surname after a first name, the next line of an address: a word right after an entity
                // continues it on a weaker vote than a word that would start one.
                int e = last.entity();
                double mass = p[1 + 2 * e] + p[2 + 2 * e];
                if (mass >= CONTINUE) {
                    entity = e;
                    best = mass;
                }
            }
            previousWordEnd = end;
            if (entity >= 0) {
                if (last != null && last.touches(text, start) && last.entity() == entity) {
                    last.add(entity, end, best);
                } else {
                    Run run = new Run(start);
                    run.add(entity, end, best);
                    runs.add(run);
                }
            }
            i = wordEnd;
        }
        for (Run run : runs) {
            if (run.reported(text)) {
                // A word is its pieces up to the next space, so "Thornton," ends in the comma; the name does not.
                int end = run.end;
                while (end > run.start + 1 && TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
                found.add(new PiiSpan(PiiType.valueOf(ENTITIES.get(run.entity())), run.start, end, run.score(), name()));
            }
        }
    }

    /** Words tagged as entities, side by side: the mass of probability each entity kind got, and the extent. */
    private static final class Run {
        private final int start;
        private int end;
        private final double[] mass = new double[ENTITIES.size()];
        private int words;

        Run(int start) {
            this.start = start;
        }

        void add(int entity, int wordEnd, double p) {
            mass[entity] += p;
            end = wordEnd;
            words++;
        }

        int entity() {
            int best = 0;
            for (int e = 1; e < mass.length; e++) {
                if (mass[e] > mass[best]) {
                    best = e;
                }
            }
            return best;
        }

        /**
         * Names and street addresses are made of words: a run of digits alone ("the card ending 9154")
         * is a number the tagger took for a house number, not an address.
         */
        boolean reported(String text) {
            if (entity() >= REPORTED) {
                return false;
            }
            return PiiType.valueOf(ENTITIES.get(entity())) == PiiType.ZIP_CODE
                    || text.substring(start, end).chars().anyMatch(Character::isLetter);
        }

        double score() {
            return Arrays.stream(mass).sum() / words;
        }

        boolean touches(String text, int nextStart) {
            return text.substring(end, nextStart).chars().noneMatch(Character::isLetterOrDigit);
        }
    }

    /**
     * Fits the tagger's head on labelled texts and {@code copies} value-swapped copies of each
     * ({@link SpanSwapAugmentation}); {@code l2} as in {@link SoftmaxRegression}; {@code names} may be
     * {@link NameGazetteer#NONE}.
     */
    public static EntityTagger train(OnnxEncoder encoder, List<PiiEvaluation.Example> labelled, int copies, double l2,
                                     NameGazetteer names) {
        List<PiiEvaluation.Example> examples = SpanSwapAugmentation.of(labelled, copies, 11);
        List<float[]> rows = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += ENCODE_BATCH) {
            List<PiiEvaluation.Example> batch = examples.subList(from, Math.min(examples.size(), from + ENCODE_BATCH));
            List<OnnxEncoder.TokenStates> states = encoder.tokenStates(batch.stream().map(PiiEvaluation.Example::text).toList());
            for (int e = 0; e < batch.size(); e++) {
                float[][] x = TokenFeatures.of(batch.get(e).text(), states.get(e), names);
                int[] tag = tags(states.get(e), batch.get(e).labels());
                for (int i = 0; i < x.length; i++) {
                    rows.add(x[i]);
                    tags.add(tag[i]);
                }
            }
        }
        LinearHead head = new SoftmaxRegression(l2, 300).fit(rows.toArray(float[][]::new),
                tags.stream().mapToInt(Integer::intValue).toArray(), classes());
        return new EntityTagger(encoder, head, names);
    }

    private static int[] tags(OnnxEncoder.TokenStates tokens, List<PiiEvaluation.Label> labels) {
        int[] tag = new int[tokens.size()];
        for (PiiEvaluation.Label span : labels) {
            int entity = ENTITIES.indexOf(span.type());
            if (entity < 0) {
                continue;
            }
            boolean first = true;
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.starts()[i] >= span.start() && tokens.ends()[i] <= span.end() && tokens.ends()[i] > tokens.starts()[i]) {
                    tag[i] = first ? 1 + 2 * entity : 2 + 2 * entity;
                    first = false;
                }
            }
        }
        return tag;
    }
}
