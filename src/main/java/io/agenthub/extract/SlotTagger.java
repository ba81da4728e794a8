package io.agenthub.extract;

import io.agenthub.slm.LinearHead;
import io.agenthub.slm.OnnxEncoder;
import io.agenthub.slm.Softmax;
import io.agenthub.slm.SoftmaxRegression;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides where the slots of a text are: a softmax regression over each word piece's features ({@link SlotFeatures})
 * gives Begin/Inside/Outside probabilities for the thirteen slots, and the best tag sequence in which an Inside
 * only follows its own slot's Begin or Inside (Viterbi) gives the spans. A span that would cut a word is widened to
 * the whole word. A slot name read twice keeps its more probable span: the schema holds one value per slot.
 */
public final class SlotTagger {

    private final Function<String, OnnxEncoder.TokenStates> tokens;
    private final LinearHead head;
    private final SlotFeatures features;
    private final WordLists words;

    public SlotTagger(Function<String, OnnxEncoder.TokenStates> tokens, LinearHead head, SlotFeatures features, WordLists words) {
        this.tokens = tokens;
        this.head = head;
        this.features = features;
        this.words = words;
    }

    public LinearHead head() {
        return head;
    }

    public SlotFeatures features() {
        return features;
    }

    /** The slots' spans in {@code text}; {@code rules} is what the recognisers read there (a feature with hints). */
    public List<TaggedSpan> spans(String text, List<Slot> rules) {
        return spans(text, tokens.apply(text), rules);
    }

    /** {@link #spans(String, List)} from token states already computed (cross-validation reuses them). */
    public List<TaggedSpan> spans(String text, OnnxEncoder.TokenStates states, List<Slot> rules) {
        float[][] x = features.of(text, states, words, rules);
        int n = x.length;
        if (n == 0) {
            return List.of();
        }
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = Softmax.of(head.logits(x[i]), 1.0);
        }
        int[] tags = viterbi(p);
        Map<String, TaggedSpan> best = new HashMap<>();
        List<TaggedSpan> order = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int slot = SlotTags.slotOf(tags[i]);
            if (slot < 0) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < n && tags[j] == SlotTags.inside(slot)) {
                j++;
            }
            double score = 0;
            for (int k = i; k < j; k++) {
                score += p[k][tags[k]];
            }
            int first = i;
            int last = j - 1;
            // widen to whole words: "kephart" is one name even when its pieces disagree
            while (first > 0 && joined(text, states, first - 1, first)) {
                first--;
            }
            while (last + 1 < n && joined(text, states, last, last + 1)) {
                last++;
            }
            int start = clamp(states.starts()[first], text);
            int end = clamp(states.ends()[last], text);
            if (end > start) {
                TaggedSpan span = new TaggedSpan(SlotTags.SLOTS.get(slot), start, end, score / (j - i));
                TaggedSpan seen = best.get(span.name());
                if (seen == null || span.score() > seen.score()) {
                    best.put(span.name(), span);
                }
                order.add(span);
            }
            i = Math.max(j, last + 1);
        }
        return order.stream().filter(s -> best.get(s.name()) == s).toList();
    }

    /** Two pieces of one word: nothing between them, and letters or digits on both sides of the join. */
    private static boolean joined(String text, OnnxEncoder.TokenStates states, int left, int right) {
        int at = states.starts()[right];
        return states.ends()[left] == at && at > 0 && at < text.length()
                && Character.isLetterOrDigit(text.charAt(at - 1)) && Character.isLetterOrDigit(text.charAt(at));
    }

    private static int clamp(int offset, String text) {
        return Math.min(Math.max(0, offset), text.length());
    }

    /** The most probable tag sequence in which Inside-of-s follows only Begin-of-s or Inside-of-s. */
    static int[] viterbi(double[][] p) {
        int n = p.length;
        int tags = SlotTags.count();
        double[][] score = new double[n][tags];
        int[][] back = new int[n][tags];
        for (int t = 0; t < tags; t++) {
            score[0][t] = SlotTags.isInside(t) ? Double.NEGATIVE_INFINITY : Math.log(p[0][t] + 1e-12);
        }
        for (int i = 1; i < n; i++) {
            for (int t = 0; t < tags; t++) {
                double bestScore = Double.NEGATIVE_INFINITY;
                int bestFrom = 0;
                for (int from = 0; from < tags; from++) {
                    if (SlotTags.isInside(t) && SlotTags.slotOf(from) != SlotTags.slotOf(t)) {
                        continue;
                    }
                    if (score[i - 1][from] > bestScore) {
                        bestScore = score[i - 1][from];
                        bestFrom = from;
                    }
                }
                score[i][t] = bestScore + Math.log(p[i][t] + 1e-12);
                back[i][t] = bestFrom;
            }
        }
        int[] path = new int[n];
        int bestLast = 0;
        for (int t = 1; t < tags; t++) {
            if (score[n - 1][t] > score[n - 1][bestLast]) {
                bestLast = t;
            }
        }
        path[n - 1] = bestLast;
        for (int i = n - 1; i > 0; i--) {
            path[i - 1] = back[i][path[i]];
        }
        return path;
    }

    /** A labelled text for training: its token states, the recognisers' reading, and its slots' spans. */
    public record Example(String text, OnnxEncoder.TokenStates states, List<Slot> rules, List<GoldSpan> slots) {
    }

    /** A labelled slot: its name and characters {@code [start, end)}. */
    public record GoldSpan(String name, int start, int end) {
    }

    /**
     * Fits a tagger's head on {@code examples}: each piece inside a labelled span is its slot's Begin (first) or Inside.
     * With hints, a share {@code hintDropout} of the texts (chosen by their words, so the same every run) is seen without
     * the recognisers' reading: the recognisers were written from these very folds and read them better than they read
     * new requests, and a head that only ever saw them right would follow them where they are wrong.
     */
    public static LinearHead fit(List<Example> examples, SlotFeatures features, WordLists words, double l2, int iterations,
                                 double hintDropout) {
        List<float[]> rows = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        for (Example example : examples) {
            boolean dropped = Math.floorMod(example.text().hashCode(), 1000) < hintDropout * 1000;
            float[][] x = features.of(example.text(), example.states(), words, dropped ? List.of() : example.rules());
            int[] tag = tags(example.states(), example.slots());
            for (int i = 0; i < x.length; i++) {
                rows.add(x[i]);
                tags.add(tag[i]);
            }
        }
        return new SoftmaxRegression(l2, iterations).fit(rows.toArray(float[][]::new),
                tags.stream().mapToInt(Integer::intValue).toArray(), SlotTags.count());
    }

    static int[] tags(OnnxEncoder.TokenStates tokens, List<GoldSpan> slots) {
        int[] tag = new int[tokens.size()];
        for (GoldSpan span : slots) {
            int slot = SlotTags.SLOTS.indexOf(span.name());
            if (slot < 0) {
                continue;
            }
            boolean first = true;
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.starts()[i] >= span.start() && tokens.ends()[i] <= span.end() && tokens.ends()[i] > tokens.starts()[i]) {
                    tag[i] = first ? SlotTags.begin(slot) : SlotTags.inside(slot);
                    first = false;
                }
            }
        }
        return tag;
    }
}
