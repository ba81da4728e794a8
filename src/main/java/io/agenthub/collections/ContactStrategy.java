package io.agenthub.collections;

import io.agenthub.collections.CollectionsRules.Condition;
import io.agenthub.collections.CollectionsRules.FrequencyLimit;
import io.agenthub.collections.CollectionsRules.Strategy;
import io.agenthub.collections.ContactPlan.Decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * Applies {@code compliance/collections.yaml} to one due account: its bucket, then, in this order, a vulnerable
 * customer to a person, the first strategy whose conditions hold, the contact-frequency limits, and the customer's
 * quiet hours for the chosen channel. Pure: the same account, history and instant give the same plan, so a request
 * re-run after a crash decides as the first run did unless the back office changed in between.
 */
public final class ContactStrategy {

    private final CollectionsRules rules;

    public ContactStrategy(CollectionsRules rules) {
        this.rules = rules;
    }

    public CollectionsRules rules() {
        return rules;
    }

    /** The bucket of an account on {@code today}, or empty when nothing is due yet (or it is due later than pre-due). */
    public Optional<String> bucket(DueAccount account, LocalDate today) {
        if (account.amountDue().signum() <= 0) {
            return Optional.empty();
        }
        if (account.daysPastDue() <= 0) {
            boolean soon = !account.dueDate().isBefore(today) && !account.dueDate().isAfter(today.plusDays(rules.preDueDays()));
            return soon ? Optional.of(CollectionsRules.PRE_DUE) : Optional.empty();
        }
        return Optional.of(rules.buckets().stream().filter(b -> account.daysPastDue() <= b.to()).findFirst()
                .map(CollectionsRules.Bucket::bucket).orElse(CollectionsRules.OVER));
    }

    public ContactPlan decide(DueAccount account, List<PastContact> history, Instant now) {
        LocalDate today = now.atZone(account.timezone()).toLocalDate();
        String bucket = bucket(account, today).orElse(null);
        if (bucket == null) {
            return new ContactPlan(Decision.LEAVE, null, "not-due", null, null, "nothing due in the reminder window");
        }
        if (account.vulnerable()) {
            // Whatever the bucket or the strategies: conduct rules ask that people, not the job, deal with them.
            return new ContactPlan(Decision.REFER, bucket, "vulnerable-customer", null, null,
                    "vulnerable customer: a person contacts them about account " + account.accountId());
        }
        long previous = history.stream().filter(c -> c.at().isAfter(now.minus(rules.historyWindow()))).count();
        Strategy strategy = rules.strategies().stream()
                .filter(s -> s.when() == null || holds(s.when(), account, bucket, previous)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unreachable: the last strategy has no condition"));
        if (strategy.refer()) {
            return new ContactPlan(Decision.REFER, bucket, strategy.name(), null, null,
                    "strategy " + strategy.name() + ": a person takes up account " + account.accountId());
        }
        for (FrequencyLimit limit : rules.frequencyLimits()) {
            if (reached(limit, history, now)) {
                return new ContactPlan(Decision.LEAVE, bucket, "frequency-limit", null, null,
                        "contact-frequency limit: " + limit.describe());
            }
        }
        Channel channel = "preferred".equals(strategy.channel()) ? account.preferredChannel() : Channel.of(strategy.channel());
        if (inQuietHours(account, channel, now)) {
            return new ContactPlan(Decision.DEFER, bucket, "quiet-hours", channel, strategy.offer(),
                    "quiet hours of the customer for " + channel + ": deferred to a later run");
        }
        return new ContactPlan(Decision.CONTACT, bucket, strategy.name(), channel, strategy.offer(),
                "strategy " + strategy.name() + " for bucket " + bucket);
    }

    private static boolean holds(Condition when, DueAccount account, String bucket, long previous) {
        return (when.bucket() == null || when.bucket().contains(bucket))
                && (when.amountDueOver() == null || account.amountDue().compareTo(when.amountDueOver()) > 0)
                && (when.amountDueAtMost() == null || account.amountDue().compareTo(when.amountDueAtMost()) <= 0)
                && (when.daysPastDueOver() == null || account.daysPastDue() > when.daysPastDueOver())
                && (when.daysPastDueAtMost() == null || account.daysPastDue() <= when.daysPastDueAtMost())
                && (when.previousContactsAtLeast() == null || previous >= when.previousContactsAtLeast())
                && (when.previousContactsAtMost() == null || previous <= when.previousContactsAtMost())
                && (when.preferredChannel() == null || when.preferredChannel().contains(account.preferredChannel()));
    }

    private static boolean reached(FrequencyLimit limit, List<PastContact> history, Instant now) {
        if (limit.maxContacts() != null) {
            Instant since = now.minus(limit.within());
            return history.stream().filter(c -> c.at().isAfter(since)).count() >= limit.maxContacts();
        }
        Instant since = now.minus(limit.pause());
        return history.stream().anyMatch(c -> c.outcome().equalsIgnoreCase(limit.afterOutcome()) && c.at().isAfter(since));
    }

    /** Whether it is quiet hours for this channel where the customer lives; from after to spans midnight. */
    boolean inQuietHours(DueAccount account, Channel channel, Instant now) {
        CollectionsRules.QuietHours quiet = rules.quietHours();
        if (quiet == null || (quiet.channels() != null && !quiet.channels().contains(channel))) {
            return false;
        }
        LocalTime from = account.quietFrom() != null ? account.quietFrom() : quiet.from();
        LocalTime to = account.quietTo() != null ? account.quietTo() : quiet.to();
        LocalTime local = now.atZone(account.timezone()).toLocalTime();
        return from.isAfter(to) ? !local.isBefore(from) || local.isBefore(to) : !local.isBefore(from) && local.isBefore(to);
    }
}
