package io.agenthub.slm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** K-fold assignment that keeps each class's share equal across folds; seeded, so runs repeat exactly. */
public final class StratifiedFolds {

    private StratifiedFolds() {
    }

    /** The fold (0..k-1) of each example. */
    public static int[] assign(int[] labels, int classes, int k, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        int[] fold = new int[labels.length];
        int next = 0;
        for (List<Integer> members : byClass) {
            Collections.shuffle(members, random);
            for (int index : members) {
                fold[index] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }
}
