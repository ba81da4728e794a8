package io.agenthub.bench;

import java.util.Arrays;

/** Percentiles of a set of measured durations, in milliseconds. */
public record LatencyStats(int count, double p50, double p99, double mean) {

    public static LatencyStats ofNanos(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return new LatencyStats(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99), mean);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
