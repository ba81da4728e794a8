package io.agenthub.tenants;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;

/**
 * How much one holder (a tenant, or one caller of a tenant) may ask of the hub: a token bucket that refills
 * {@code requestsPerSecond} and holds at most {@code burst}, and at most {@code concurrent} requests in flight.
 * Declared per tenant in {@code compliance/tenants.yaml} as {@code limits:} and {@code caller-limits:}.
 */
public record Limits(int requestsPerSecond, int burst, int concurrent) {

    static final String REQUESTS_PER_SECOND = "requests-per-second";
    static final String BURST = "burst";
    static final String CONCURRENT = "concurrent";
    private static final List<String> KEYS = List.of(REQUESTS_PER_SECOND, BURST, CONCURRENT);
    /** Far above what one hub serves; it keeps a typo of many digits from reading as "no limit" by overflow. */
    static final int MOST = 1_000_000;

    public Limits {
        check(REQUESTS_PER_SECOND, requestsPerSecond);
        check(BURST, burst);
        check(CONCURRENT, concurrent);
    }

    /**
     * The limits a YAML mapping declares, {@code key} naming it in errors ({@code limits}, {@code caller-limits}).
     * A key the mapping leaves out takes its value from {@code defaults}; without defaults every key is required.
     *
     * @throws IllegalArgumentException naming the key at fault and what it must be
     */
    public static Limits read(String key, JsonNode node, Limits defaults) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(key + " must be a mapping of " + String.join(", ", KEYS));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException(key + " has no key '" + name + "'; its keys are " + String.join(", ", KEYS));
            }
        }
        return new Limits(value(key, node, REQUESTS_PER_SECOND, defaults == null ? null : defaults.requestsPerSecond()),
                value(key, node, BURST, defaults == null ? null : defaults.burst()),
                value(key, node, CONCURRENT, defaults == null ? null : defaults.concurrent()));
    }

    /** Whether no value here is above the same value of {@code outer}; else the first that is, named under {@code key}. */
    public String firstAbove(Limits outer, String key, String outerKey) {
        if (requestsPerSecond > outer.requestsPerSecond) {
            return above(key, outerKey, REQUESTS_PER_SECOND, requestsPerSecond, outer.requestsPerSecond);
        }
        if (burst > outer.burst) {
            return above(key, outerKey, BURST, burst, outer.burst);
        }
        if (concurrent > outer.concurrent) {
            return above(key, outerKey, CONCURRENT, concurrent, outer.concurrent);
        }
        return null;
    }

    private static String above(String key, String outerKey, String name, int value, int outer) {
        return key + "." + name + " (" + value + ") is above " + outerKey + "." + name + " (" + outer + ")";
    }

    private static int value(String key, JsonNode node, String name, Integer fallback) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException(key + "." + name + " is required");
            }
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1 || value.intValue() > MOST) {
            throw new IllegalArgumentException(key + "." + name + " must be a whole number from 1 to " + MOST
                    + ", not " + (value.isTextual() ? "'" + value.textValue() + "'" : value.toString()));
        }
        return value.intValue();
    }

    private static void check(String name, int value) {
        if (value < 1 || value > MOST) {
            throw new IllegalArgumentException(name + " must be a whole number from 1 to " + MOST + ", not " + value);
        }
    }
}
