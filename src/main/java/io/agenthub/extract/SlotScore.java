package io.agenthub.extract;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * How well slots are found, counted as NLU++'s slot target counts: a predicted slot is right when its name
 * and its text (case and spaces aside) equal a labelled one.
 */
public record SlotScore(int labelled, int found, int right) {

    /** The score of {@code extractor} on {@code turns}, over the slots named in {@code names} only. */
    public static SlotScore of(List<LabelledTurn> turns, Set<String> names, Function<String, List<Slot>> extractor) {
        int labelled = 0;
        int found = 0;
        int right = 0;
        for (LabelledTurn turn : turns) {
            List<Slot> predicted = extractor.apply(turn.text()).stream().filter(s -> names.contains(s.name())).toList();
            found += predicted.size();
            for (var gold : turn.slots().entrySet()) {
                if (names.contains(gold.getKey())) {
                    labelled++;
                    if (predicted.stream().anyMatch(s -> s.name().equals(gold.getKey()) && same(s.text(), gold.getValue()))) {
                        right++;
                    }
                }
            }
        }
        return new SlotScore(labelled, found, right);
    }

    public double precision() {
        return found == 0 ? 0 : (double) right / found;
    }

    public double recall() {
        return labelled == 0 ? 0 : (double) right / labelled;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d labelled, %d found, precision %.3f, recall %.3f, F1 %.3f",
                labelled, found, precision(), recall(), f1());
    }

    private static String normal(String text) {
        return text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    private static boolean same(String a, String b) {
        return normal(a).equals(normal(b));
    }
}
