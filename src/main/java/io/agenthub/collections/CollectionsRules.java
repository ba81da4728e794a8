package io.agenthub.collections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code compliance/collections.yaml}: the buckets, quiet hours, contact-frequency limits and contact strategies of the
 * collections job, as integrators and compliance edit them. Read and checked once at start; a mistake refuses the file
 * with the entry at fault named. {@link ContactStrategy} applies them.
 */
public record CollectionsRules(int preDueDays, List<Bucket> buckets, QuietHours quietHours,
                               List<FrequencyLimit> frequencyLimits, Duration historyWindow, List<Strategy> strategies) {

    /** The reminder before the due date. */
    public static final String PRE_DUE = "pre-due";
    /** Past the last bucket: no longer the job's to contact. */
    public static final String OVER = "over-90";

    /** A past-due bucket, by days past due, inclusive. */
    public record Bucket(String bucket, int from, int to) {
    }

    /** When, in the customer's local time, these channels stay silent; {@code from} after {@code to} spans midnight. */
    public record QuietHours(LocalTime from, LocalTime to, Set<Channel> channels) {
    }

    /**
     * Either at most {@code maxContacts} in any {@code within}, or none for {@code pause} after a contact whose outcome
     * was {@code afterOutcome}.
     */
    public record FrequencyLimit(Integer maxContacts, Duration within, String afterOutcome, Duration pause) {

        public String describe() {
            return maxContacts != null ? "at most " + maxContacts + " contacts in " + days(within)
                    : "no contact within " + days(pause) + " after a " + afterOutcome.toLowerCase(java.util.Locale.ROOT);
        }

        private static String days(Duration duration) {
            return duration.toDays() + " days";
        }
    }

    /** When a strategy applies: every condition given must hold. */
    public record Condition(List<String> bucket, BigDecimal amountDueOver, BigDecimal amountDueAtMost,
                            Integer daysPastDueOver, Integer daysPastDueAtMost, Integer previousContactsAtLeast,
                            Integer previousContactsAtMost, List<Channel> preferredChannel) {
    }

    /** One contact strategy: what to do with an account its conditions hold for. */
    public record Strategy(String name, Condition when, String channel, String offer, boolean refer) {
    }

    static final Set<String> OFFERS = Set.of("payment-plan", "fee-waiver");

    public CollectionsRules {
        buckets = List.copyOf(buckets);
        frequencyLimits = frequencyLimits == null ? List.of() : List.copyOf(frequencyLimits);
        historyWindow = historyWindow == null ? Duration.ofDays(30) : historyWindow;
        strategies = List.copyOf(strategies);
    }

    public static CollectionsRules read(InputStream yaml) throws IOException {
        CollectionsRules rules;
        try {
            rules = JsonMapper.builder(new YAMLFactory()).addModule(new JavaTimeModule())
                    .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    .build().readValue(yaml, CollectionsRules.class);
        } catch (JsonProcessingException e) {
            throw new IOException("collections.yaml: " + e.getOriginalMessage(), e);
        } catch (NullPointerException e) {
            throw new IOException("collections.yaml: give pre-due-days, buckets and strategies", e);
        }
        rules.check();
        return rules;
    }

    private void check() throws IOException {
        if (preDueDays < 0) {
            throw new IOException("collections.yaml: pre-due-days is 0 or more");
        }
        if (buckets.isEmpty()) {
            throw new IOException("collections.yaml: give the past-due buckets");
        }
        int next = 1;
        for (Bucket bucket : buckets) {
            if (bucket.bucket() == null || bucket.from() != next || bucket.to() < bucket.from()) {
                throw new IOException("collections.yaml: bucket " + bucket.bucket() + " must start at " + next
                        + " days past due and end at or after it: buckets follow one another without gaps");
            }
            next = bucket.to() + 1;
        }
        if (quietHours != null && (quietHours.from() == null || quietHours.to() == null)) {
            throw new IOException("collections.yaml: quiet-hours needs from and to (\"21:00\")");
        }
        for (FrequencyLimit limit : frequencyLimits) {
            boolean count = limit.maxContacts() != null && limit.within() != null && limit.maxContacts() >= 0;
            boolean pause = limit.afterOutcome() != null && limit.pause() != null;
            if (count == pause) {
                throw new IOException("collections.yaml: a frequency limit is either {max-contacts, within} or"
                        + " {after-outcome, pause}");
            }
        }
        Set<String> known = new HashSet<>(bucketNames());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < strategies.size(); i++) {
            Strategy strategy = strategies.get(i);
            String at = "collections.yaml: strategy " + (strategy.name() == null ? String.valueOf(i + 1) : strategy.name());
            if (strategy.name() == null || !names.add(strategy.name())) {
                throw new IOException(at + ": every strategy has a name of its own");
            }
            if (strategy.when() != null && strategy.when().bucket() != null && !known.containsAll(strategy.when().bucket())) {
                throw new IOException(at + ": a bucket is one of " + bucketNames());
            }
            if (strategy.refer() == (strategy.channel() != null)) {
                throw new IOException(at + ": either refer: true or a channel (preferred, EMAIL, SMS, PHONE, LETTER, APP)");
            }
            if (strategy.channel() != null && !strategy.channel().equals("preferred")) {
                try {
                    Channel.of(strategy.channel());
                } catch (IllegalArgumentException e) {
                    throw new IOException(at + ": " + e.getMessage(), e);
                }
            }
            if (strategy.offer() != null && (strategy.refer() || !OFFERS.contains(strategy.offer()))) {
                throw new IOException(at + ": an offer is payment-plan or fee-waiver, made with a message (not refer)");
            }
        }
        if (strategies.isEmpty() || strategies.get(strategies.size() - 1).when() != null) {
            throw new IOException("collections.yaml: the last strategy must have no 'when', so every account meets one");
        }
    }

    /** Every bucket's name: the reminder, the past-due buckets in order, and beyond them. */
    public List<String> bucketNames() {
        List<String> names = new java.util.ArrayList<>();
        names.add(PRE_DUE);
        buckets.forEach(b -> names.add(b.bucket()));
        names.add(OVER);
        return names;
    }
}
