package io.agenthub.collections;

import io.agenthub.actions.ProposedAction;
import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.jobs.JobOutcome;
import io.agenthub.jobs.JobRecord;
import io.agenthub.jobs.JobRun;
import io.agenthub.jobs.Jobs;
import io.agenthub.store.StepOutbox;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The collections job's steps (bean {@code collectionsJob}, routes/collections.camel.yaml): the statements' parameters,
 * each due account's plan by the rules, and what each plan becomes: a record for {@code direct:job-record}, a skip or
 * a dry run's proposal, and in the flow {@code collections-contact} the {@code send-outreach} proposal with its
 * message, a referral to people, or no contact.
 */
public final class CollectionsJob {

    /** The flow each account's record runs through. */
    public static final String FLOW = "collections-contact";
    static final String KEY_PREFIX = "collections:";

    private final ContactStrategy strategy;
    private final OutreachTemplates templates;
    private final Jobs jobs;
    private final StepOutbox audit;
    private final Clock clock;

    public CollectionsJob(ContactStrategy strategy, OutreachTemplates templates, Jobs jobs, StepOutbox audit, Clock clock) {
        this.strategy = strategy;
        this.templates = templates;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The due-accounts statement's parameters: the run's tenant, and the last due date a reminder covers (a day more
     * than the rules' window, for customers whose today is already tomorrow; the rules decide per customer).
     */
    public Map<String, Object> dueAccountsQuery(JobRun run) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return Map.of("tenant", run.tenant(), "preDueUntil", today.plusDays(strategy.rules().preDueDays() + 1L));
    }

    public List<DueAccount> dueAccounts(List<Map<String, Object>> rows) {
        return rows.stream().map(DueAccount::fromRow).toList();
    }

    /** The contact-history statement's parameters: the account, and as far back as any rule looks. */
    public Map<String, Object> contactsQuery(DueAccount account) {
        Duration longest = Stream.concat(Stream.of(strategy.rules().historyWindow()), strategy.rules().frequencyLimits()
                        .stream().map(l -> l.within() != null ? l.within() : l.pause()))
                .max(Duration::compareTo).orElseThrow();
        return Map.of("accountId", account.accountId(), "since", clock.instant().minus(longest).atOffset(ZoneOffset.UTC));
    }

    public ContactPlan plan(DueAccount account, List<Map<String, Object>> contactRows) {
        return strategy.decide(account, PastContact.fromRows(contactRows), clock.instant());
    }

    /** The record's key: one per account and cycle, so a cycle contacts an account once, across reruns and crashes. */
    public String key(JobRun run, DueAccount account) {
        return KEY_PREFIX + run.tenant() + ":" + run.cycle() + ":" + account.accountId();
    }

    /** An account the job contacts or refers: one hub request, with no personal data in its text. */
    public JobRecord record(JobRun run, DueAccount account, ContactPlan plan) {
        String text = "Collections: account " + account.accountId() + ", " + (account.daysPastDue() > 0
                ? account.daysPastDue() + " days past due" : "due on " + account.dueDate()) + " (" + plan.bucket() + ")";
        return new JobRecord(key(run, account), account.customerId(), text, FLOW,
                Map.of("accountId", account.accountId(), "bucket", plan.bucket()));
    }

    /** An account the rules hold back this run (quiet hours, a frequency limit): skipped, not admitted, with why. */
    public void held(JobRun run, DueAccount account, ContactPlan plan) {
        audit.event("collections-held", detail(run, account, plan));
        jobs.record(run.runId(), key(run, account), JobOutcome.SKIPPED);
    }

    /** A dry run's account: what would be done, audited and counted, and nothing done. */
    public void propose(JobRun run, DueAccount account, ContactPlan plan) {
        Map<String, Object> detail = detail(run, account, plan);
        if (plan.decision() == ContactPlan.Decision.CONTACT) {
            OutreachTemplates.OutreachMessage message = templates.render(plan, account);
            detail.put("template", message.template());
            detail.put("templateVersion", message.version());
        }
        audit.event("job-proposal", detail);
        jobs.record(run.runId(), key(run, account), JobOutcome.PROPOSED);
    }

    private static Map<String, Object> detail(JobRun run, DueAccount account, ContactPlan plan) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("runId", run.runId());
        detail.put("job", run.job());
        detail.put("accountId", account.accountId());
        detail.put("decision", plan.decision().name().toLowerCase(java.util.Locale.ROOT));
        detail.put("bucket", plan.bucket());
        detail.put("strategy", plan.strategy());
        detail.put("channel", plan.channel() == null ? null : plan.channel().name());
        detail.put("offer", plan.offer());
        detail.put("reason", plan.reason());
        return detail;
    }

    // --- The flow collections-contact, for one admitted record (first run or re-run after a crash) ---

    /**
     * The account statement's parameters, from the request alone (its key), so a request re-run after a crash, when
     * the job's record is gone, finds its account again.
     */
    public Map<String, Object> accountQuery(HubRequest request) {
        String key = request.idempotencyKey();
        String prefix = KEY_PREFIX + request.tenant() + ":";
        if (key == null || !key.startsWith(prefix) || key.lastIndexOf(':') <= prefix.length()) {
            throw new IllegalArgumentException("not a collections record's key");
        }
        return Map.of("tenant", request.tenant(), "accountId", key.substring(key.lastIndexOf(':') + 1));
    }

    /** The account's row, or null when the back office no longer has it due (paid, closed, moved). */
    public DueAccount account(List<Map<String, Object>> rows) {
        return rows.isEmpty() ? null : DueAccount.fromRow(rows.get(0));
    }

    /** The plan, in the request's audit trail, with the template version a message will be written from. */
    public void audited(String requestId, ContactPlan plan) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("decision", plan.decision().name().toLowerCase(java.util.Locale.ROOT));
        detail.put("bucket", plan.bucket());
        detail.put("strategy", plan.strategy());
        detail.put("channel", plan.channel() == null ? null : plan.channel().name());
        detail.put("offer", plan.offer());
        detail.put("reason", plan.reason());
        if (plan.decision() == ContactPlan.Decision.CONTACT) {
            detail.put("template", plan.template());
            detail.put("templateVersion", templates.version());
        }
        // Durable before the flow proposes anything: the request's decisions so far (the job's "intent" among them)
        // and its plan, so a re-run after a crash reaches this flow again and finds what it planned.
        audit.beforeAction(requestId, "collections-plan", detail);
    }

    /**
     * The message to send, proposed to the gate. An offer (payment plan, fee waiver) commits the bank, so it is
     * proposed with risk high, which compliance/actions.yaml holds for a person's approval.
     */
    public ProposedAction outreach(DueAccount account, ContactPlan plan) {
        OutreachTemplates.OutreachMessage message = templates.render(plan, account);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("channel", plan.channel().name());
        parameters.put("template", message.template());
        parameters.put("templateVersion", message.version());
        parameters.put("message", message.text());
        parameters.put("bucket", plan.bucket());
        if (plan.offer() != null) {
            parameters.put("offer", plan.offer());
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("strategy", plan.strategy());
        evidence.put("daysPastDue", account.daysPastDue());
        evidence.put("amountDue", account.amountDue().toPlainString() + " " + account.currency());
        return new ProposedAction("send-outreach", "account:" + account.accountId(), parameters, null, null,
                plan.offer() != null ? ProposedAction.Risk.HIGH : ProposedAction.Risk.LOW,
                plan.reason() + (plan.offer() != null ? ", offering a " + plan.offer().replace('-', ' ') : ""), evidence);
    }

    /** A person takes the account up (the review queue), with the reason the rules gave. */
    public FlowResult referred(ContactPlan plan) {
        return FlowResult.referred(ReplyText.of(ReplyKey.COLLECTIONS_REFERRED), plan.reason());
    }

    /** No contact when the record ran: the rules held it back, or nothing is due any more. */
    public FlowResult notContacted() {
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.COLLECTIONS_NOT_CONTACTED));
    }

    /** The rules' plan for an account the back office no longer has due. */
    public ContactPlan gone() {
        return new ContactPlan(ContactPlan.Decision.LEAVE, null, "not-due", null, null,
                "the back office no longer has the account due");
    }

}
