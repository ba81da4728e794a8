package io.agenthub.capability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tier's answers counted as a metric, accepted or not ({@code valid} tag), so every tier's acceptance rate is
 * on /observe/metrics. A counter is registered the first time its tier answers, then kept: counting costs no lookup
 * in the meter registry per request.
 */
public final class TierAnswers {

    private final MeterRegistry meters;
    private final String metric;
    private final String description;
    private final String capability;
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

    public TierAnswers(MeterRegistry meters, String metric, String description, String capability) {
        this.meters = meters;
        this.metric = metric;
        this.description = description;
        this.capability = capability;
    }

    void count(String tier, boolean valid) {
        Map<String, Counter> counters = valid ? accepted : rejected;
        Counter counter = counters.get(tier);
        if (counter == null) {
            counter = Counter.builder(metric).description(description).tag("capability", capability).tag("tier", tier)
                    .tag("valid", Boolean.toString(valid)).register(meters);
            counters.put(tier, counter);
        }
        counter.increment();
    }

    /** How many of the tier's answers were (or were not) accepted so far, read from the metric itself. */
    public long counted(String tier, boolean valid) {
        Counter counter = meters.find(metric).tags("capability", capability, "tier", tier, "valid", Boolean.toString(valid))
                .counter();
        return counter == null ? 0 : (long) counter.count();
    }
}
