package io.agenthub.slm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits a batch into groups of similar length, so that padding each group to its longest member wastes
 * little. A transformer's cost grows with padded tokens: one 60-token text in a batch of 15-token texts
 * would otherwise quadruple the work of the whole pass.
 */
final class LengthGroups {

    private LengthGroups() {
    }

    /**
     * Indices of {@code items}, shortest first, cut into groups whose padded size (members times the
     * longest) stays within {@code 1 + slack} times their real size, and of at most {@code maxMembers}.
     */
    static <T> List<int[]> of(T[] items, ToIntFunction<T> length, double slack, int maxMembers) {
        Integer[] order = new Integer[items.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> length.applyAsInt(items[i])));
        List<int[]> groups = new ArrayList<>();
        int start = 0;
        long realTokens = 0;
        for (int k = 0; k < order.length; k++) {
            int len = length.applyAsInt(items[order[k]]);
            long padded = (long) (k - start + 1) * len;
            if (k > start && (padded > (1 + slack) * (realTokens + len) || k - start == maxMembers)) {
                groups.add(slice(order, start, k));
                start = k;
                realTokens = 0;
            }
            realTokens += len;
        }
        groups.add(slice(order, start, order.length));
        return groups;
    }

    private static int[] slice(Integer[] order, int from, int to) {
        int[] group = new int[to - from];
        for (int i = from; i < to; i++) {
            group[i - from] = order[i];
        }
        return group;
    }
}
