package io.agenthub.slm;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LengthGroupsTest {

    private static List<int[]> groups(Integer... lengths) {
        return LengthGroups.of(lengths, Integer::intValue, 0.25, Integer.MAX_VALUE);
    }

    @Test
    void everyItemLandsInExactlyOneGroup() {
        Integer[] lengths = {12, 3, 40, 12, 13, 5, 60, 14, 3, 11};
        int[] all = groups(lengths).stream().flatMapToInt(Arrays::stream).sorted().toArray();

        assertThat(all).containsExactly(IntStream.range(0, lengths.length).toArray());
    }

    @Test
    void oneLongTextDoesNotPadTheShortOnes() {
        List<int[]> groups = groups(14, 15, 14, 16, 64, 15);

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0)).containsExactlyInAnyOrder(0, 1, 2, 3, 5);
        assertThat(groups.get(1)).containsExactly(4);
    }

    @Test
    void eachGroupStaysWithinTheAllowedPadding() {
        Integer[] lengths = {7, 22, 9, 31, 8, 17, 45, 12, 10, 9, 28, 16, 11, 13, 60, 9};
        for (int[] group : groups(lengths)) {
            int longest = Arrays.stream(group).map(i -> lengths[i]).max().orElseThrow();
            int real = Arrays.stream(group).map(i -> lengths[i]).sum();
            assertThat((double) group.length * longest).isLessThanOrEqualTo(1.25 * real);
        }
    }

    @Test
    void textsOfOneLengthShareOnePass() {
        assertThat(groups(9, 9, 9, 9)).hasSize(1);
        assertThat(groups(9)).hasSize(1);
    }

    @Test
    void noGroupHoldsMoreThanTheCap() {
        Integer[] lengths = new Integer[21];
        Arrays.fill(lengths, 12);
        List<int[]> groups = LengthGroups.of(lengths, Integer::intValue, 0.25, 8);

        assertThat(groups).extracting(g -> g.length).containsExactly(8, 8, 5);
    }
}
