package io.agenthub.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.access.Caller;
import io.agenthub.access.Role;
import io.agenthub.api.FlowResult;
import io.agenthub.api.Page;
import io.agenthub.api.Paging;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.store.Ledger;
import io.agenthub.store.RequestIds;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import javax.sql.DataSource;

/**
 * The approvals: durable, bound to a digest of the action's arguments, decided by people, executed once. Every change
 * of state is one transaction with its audit step, its message on {@code hub.approvals} (through the publication
 * outbox) and, when it ends the request's wait, the request's final answer. Two people deciding at once cannot both
 * count on the same earlier state (optimistic locking on a version).
 */
public final class Approvals {

    /** Where new approvals and their changes of state are published, for banks' own task systems. */
    public static final String TOPIC = "hub.approvals";
    static final String STEP = "approval";
    private static final int MAX_LIMIT = 500;

    /** Words a result for the tenant's customers (customerMessages.word). */
    public interface Wording extends BiFunction<String, FlowResult, FlowResult> {
    }

    /** The texts a request ends with when its action does not run. */
    public interface Endings {
        FlowResult denied(Approval approval);

        FlowResult expired(Approval approval);

        FlowResult failed(Approval approval, String why);

        FlowResult cancelled(Approval approval);
    }

    /**
     * Keeps what people type as pseudonymised as the proposal was: a parameter that held a token (an address the front
     * door found) gets a token for the value an approver typed, and a decision's reason is pseudonymised like a
     * request's text, so no personal data is stored in clear here.
     */
    public interface Sealing {
        Map<String, Object> seal(Approval approval, Map<String, Object> edited);

        /** The reason as it is kept and shown: personal data in it replaced by tokens. */
        default String reason(Approval approval, String reason) {
            return reason;
        }

        Sealing NONE = (approval, edited) -> edited;
    }

    /** Someone learns from a decision (golden examples for retraining); called inside the decision's transaction. */
    public interface Lessons {
        void decided(Approval before, Approval after, String decidedBy, DecisionRequest decision);

        Lessons NONE = (before, after, by, decision) -> { };
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final Ledger ledger;
    private final Wording wording;
    private final Endings endings;
    private volatile Lessons lessons = Lessons.NONE;
    private volatile Sealing sealing = Sealing.NONE;
    /** Approvals being executed by a thread of this hub: the sweep leaves them to it. */
    private final Set<String> executing = ConcurrentHashMap.newKeySet();

    public Approvals(DataSource dataSource, ObjectMapper json, Clock clock, Ledger ledger, Wording wording,
                     Endings endings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.json = json;
        this.clock = clock;
        this.ledger = ledger;
        this.wording = wording;
        this.endings = endings;
    }

    public void learnFrom(Lessons lessons) {
        this.lessons = lessons;
    }

    public void sealEditsWith(Sealing sealing) {
        this.sealing = sealing;
    }

    /**
     * Holds an action for people: a new approval, awaiting. Call it inside the transaction that makes the proposal
     * durable (for a flow's, the one that stores the pending answer; this joins it).
     */
    public Approval hold(String approvalId, String requestId, String tenant, String channel, String subjectId,
                         ProposedAction action, ActionPolicy.AppliedRule rule, String requestedBy, String proposedBy) {
        Instant now = clock.instant();
        jdbc.update("INSERT INTO hub_approval (approval_id, request_id, tenant, channel, subject_id, action_type, target,"
                        + " action_json, digest, policy_json, approvers_role, approvals_needed, state, requested_by,"
                        + " proposed_by, created_at, deadline_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)",
                approvalId, requestId, tenant, channel, subjectId, action.type(), action.target(), write(action),
                ActionDigest.of(action), write(Approval.Policy.of(rule)), rule.approvers(), rule.approvalsNeeded(),
                ApprovalState.AWAITING.name(), requestedBy == null && requestId != null ? callerOf(requestId) : requestedBy,
                proposedBy, Timestamp.from(now), Timestamp.from(now.plus(rule.deadline())));
        Approval held = load(approvalId).orElseThrow();
        changed(held, null, Map.of("rule", rule.matched()));
        return held;
    }

    private String callerOf(String requestId) {
        return jdbc.queryForObject("SELECT caller FROM hub_request WHERE request_id = ?", String.class, requestId);
    }

    /** A new approval id: time-ordered, so lists with equal deadlines keep the order they were made in. */
    public String newId() {
        return RequestIds.next(clock);
    }

    /**
     * The approvals of the caller's tenants in {@code status} (default awaiting), soonest deadline first, a page
     * at a time: {@code after} is the {@link #cursor} of the last one of the page before.
     */
    public Page<Approval> list(String status, String limit, String after, Collection<String> tenants) {
        ApprovalState state = status == null || status.isBlank() ? ApprovalState.AWAITING : ApprovalState.named(status)
                .orElseThrow(() -> invalid("status is one of awaiting, approved, edited, denied, expired, executed,"
                        + " cancelled, failed."));
        int max = Paging.limit(limit, MAX_LIMIT);
        if (tenants.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        List<Object> arguments = new ArrayList<>();
        arguments.add(state.name());
        arguments.addAll(tenants);
        String page = "";
        if (after != null && !after.isBlank()) {
            Paging.Cursor cursor = Paging.Cursor.parse(after);
            page = " AND (deadline_at > ? OR (deadline_at = ? AND approval_id > ?))";
            arguments.add(Timestamp.from(cursor.at()));
            arguments.add(Timestamp.from(cursor.at()));
            arguments.add(cursor.id());
        }
        List<String> ids = jdbc.queryForList("SELECT approval_id FROM hub_approval WHERE state = ? AND tenant IN ("
                + String.join(",", Collections.nCopies(tenants.size(), "?")) + ")" + page
                + " ORDER BY deadline_at, approval_id FETCH FIRST " + max + " ROWS ONLY", String.class, arguments.toArray());
        return Page.of(ids.stream().map(id -> load(id).orElseThrow()).toList(), max, Approvals::cursor);
    }

    /** Where the next page starts after this approval. */
    public static String cursor(Approval approval) {
        return new Paging.Cursor(approval.deadline(), approval.approvalId()).toString();
    }

    /** One approval of the caller's tenants; 404 for another tenant's, as for one that does not exist. */
    public Approval find(String approvalId, Caller caller) {
        return load(approvalId).filter(a -> caller.allTenants().contains(a.tenant()))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No approval with this id."));
    }

    /**
     * A person's decision. Approve counts them once for the arguments as they are; edit changes the editable
     * parameters, which voids the approvals given so far and counts as the editor's approval of the new arguments;
     * deny ends it, and the request with it. Refused: 403 for a person without the approval's role for its tenant, or
     * who asked for or proposed the action; 409 when it is no longer awaiting, or this person approved these
     * arguments already.
     */
    public Approval decide(String approvalId, Caller caller, DecisionRequest decision) {
        String person = caller.id();
        for (int attempt = 0; ; attempt++) {
            try {
                return tx.execute(status -> decideOnce(approvalId, caller, person, decision));
            } catch (ConcurrentDecision e) {
                if (attempt >= 5) {
                    throw new ProblemException(ProblemType.ALREADY_DECIDED, "Others are deciding this approval at the"
                            + " same moment; reload it and decide again.");
                }
            }
        }
    }

    private static final class ConcurrentDecision extends RuntimeException {
        ConcurrentDecision() {
            super(null, null, false, false);
        }
    }

    private Approval decideOnce(String approvalId, Caller caller, String person, DecisionRequest decision) {
        Approval before = find(approvalId, caller);
        Role role = Role.of(before.policy().approvers());
        if (!caller.holds(role, before.tenant())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Deciding this approval needs the role " + role.claimValue()
                    + " for " + before.tenant() + ".");
        }
        if (person.equals(before.requestedBy()) || person.equals(before.proposedBy())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "You asked for or proposed this action; another person"
                    + " must decide it.");
        }
        if (before.state() != ApprovalState.AWAITING) {
            throw new ProblemException(ProblemType.ALREADY_DECIDED, "This approval is " + before.state().wireName()
                    + "; it no longer awaits a decision.");
        }
        Instant now = clock.instant();
        if (!now.isBefore(before.deadline())) {
            throw new ProblemException(ProblemType.ALREADY_DECIDED, "This approval passed its deadline; it has expired.");
        }
        ProposedAction action = before.action();
        String digestAfter = before.digest();
        if (decision.decision() == DecisionRequest.Kind.EDIT) {
            List<String> editable = before.policy().editable();
            for (String name : decision.parameters().keySet()) {
                if (!editable.contains(name)) {
                    throw invalid(editable.isEmpty() ? "The policy lets no parameter of " + action.type() + " be edited."
                            : "parameters." + name + " cannot be edited; the policy lets people edit "
                            + String.join(", ", editable) + ".");
                }
            }
            action = action.edited(sealing.seal(before, decision.parameters()));
            digestAfter = ActionDigest.of(action);
            if (digestAfter.equals(before.digest())) {
                throw invalid("The edit changes nothing; approve instead.");
            }
        }
        try {
            jdbc.update("INSERT INTO hub_approval_decision (approval_id, decided_by, decision, reason, digest_before,"
                            + " digest_after, decided_at) VALUES (?,?,?,?,?,?,?)", approvalId, person,
                    decision.decision().wireName(), sealing.reason(before, decision.reason()), before.digest(), digestAfter,
                    Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            throw new ProblemException(ProblemType.ALREADY_DECIDED, "You approved these arguments already; "
                    + (before.policy().approvalsNeeded() - before.approvals()) + " more approver(s) must.");
        }
        ApprovalState next = switch (decision.decision()) {
            case DENY -> ApprovalState.DENIED;
            case APPROVE, EDIT -> approvalsOn(approvalId, digestAfter) < before.policy().approvalsNeeded()
                    ? ApprovalState.AWAITING : edited(approvalId) ? ApprovalState.EDITED : ApprovalState.APPROVED;
        };
        int updated = jdbc.update("UPDATE hub_approval SET state = ?, action_json = ?, digest = ?, decided_at = ?,"
                        + " version = version + 1 WHERE approval_id = ? AND version = ?", next.name(), write(action),
                digestAfter, next == ApprovalState.AWAITING ? null : Timestamp.from(now), approvalId, version(before));
        if (updated == 0) {
            throw new ConcurrentDecision();
        }
        Approval after = load(approvalId).orElseThrow();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("decision", decision.decision().wireName());
        detail.put("by", person);
        detail.put("digestBefore", before.digest());
        detail.put("digestAfter", digestAfter);
        detail.put("approvals", after.approvals() + " of " + after.policy().approvalsNeeded());
        changed(after, before.state(), detail);
        lessons.decided(before, after, person, decision);
        if (next == ApprovalState.DENIED) {
            settle(after, endings.denied(after));
        }
        return after;
    }

    /** Whether any decision edited the arguments: an approval of edited arguments ends {@code edited}. */
    private boolean edited(String approvalId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM hub_approval_decision WHERE approval_id = ? AND decision = 'edit'",
                Integer.class, approvalId) > 0;
    }

    private int approvalsOn(String approvalId, String digest) {
        return jdbc.queryForObject("SELECT COUNT(DISTINCT decided_by) FROM hub_approval_decision WHERE approval_id = ?"
                + " AND digest_after = ? AND decision IN ('approve', 'edit')", Integer.class, approvalId, digest);
    }

    private int version(Approval approval) {
        return jdbc.queryForObject("SELECT version FROM hub_approval WHERE approval_id = ?", Integer.class,
                approval.approvalId());
    }

    /**
     * Takes an approved action to execute, unless a thread of this hub is executing it already: its order, under an
     * idempotency key of the approval and the arguments approved, so the back-end acts once however often it is sent.
     */
    public Optional<ActionOrder> claim(String approvalId) {
        // Marked first, then read: a thread that finishes it between a read and the mark cannot leave it looking due.
        if (!executing.add(approvalId)) {
            return Optional.empty();
        }
        Optional<Approval> approval = Optional.empty();
        try {
            approval = load(approvalId).filter(a -> a.state().cleared());
        } finally {
            if (approval.isEmpty()) {
                executing.remove(approvalId);
            }
        }
        if (approval.isEmpty()) {
            return Optional.empty();
        }
        Approval a = approval.get();
        String approvers = a.decisions().stream().filter(d -> d.digestAfter().equals(a.digest()))
                .map(Approval.Decision::decidedBy).distinct().collect(java.util.stream.Collectors.joining(", "));
        return Optional.of(new ActionOrder(a.approvalId(), a.requestId(), a.tenant(), a.subjectId(), a.action(),
                "approval:" + a.approvalId() + ":" + a.digest().substring(0, 16),
                "asked by " + (a.requestedBy() == null ? a.proposedBy() : a.requestedBy()) + ", approved by " + approvers
                        + " (approval " + a.approvalId() + ")"));
    }

    /** The approved actions not yet executed that no thread of this hub is executing: after a crash, or an unknown outcome. */
    public List<String> cleared() {
        return jdbc.queryForList("SELECT approval_id FROM hub_approval WHERE state IN (?, ?) ORDER BY decided_at",
                String.class, ApprovalState.APPROVED.name(), ApprovalState.EDITED.name()).stream()
                .filter(id -> !executing.contains(id)).toList();
    }

    /** The back-end did it: executed, and the request answered with {@code result}, in one transaction. */
    public Approval executed(ActionOrder order, FlowResult result) {
        try {
            return end(order.approvalId(), ApprovalState.EXECUTED, result, write(result.actions()),
                    Set.of(ApprovalState.APPROVED, ApprovalState.EDITED));
        } finally {
            executing.remove(order.approvalId());
        }
    }

    /** The back-end refused it for good: failed, and the request handed to people. */
    public Approval failed(ActionOrder order, Exception why) {
        try {
            Approval approval = load(order.approvalId()).orElseThrow();
            String reason = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
            return end(order.approvalId(), ApprovalState.FAILED, endings.failed(approval, reason),
                    write(Map.of("error", reason)), Set.of(ApprovalState.APPROVED, ApprovalState.EDITED));
        } finally {
            executing.remove(order.approvalId());
        }
    }

    /** Its outcome is unknown (the back-end did not answer): it stays approved, and the sweep sends it again, same key. */
    public void unconfirmed(ActionOrder order) {
        executing.remove(order.approvalId());
    }

    /** The awaiting approvals past their deadline. */
    public List<String> overdue() {
        return jdbc.queryForList("SELECT approval_id FROM hub_approval WHERE state = ? AND deadline_at <= ?"
                + " ORDER BY deadline_at", String.class, ApprovalState.AWAITING.name(), Timestamp.from(clock.instant()));
    }

    /** Past its deadline with no decision: expired, and the request handed to people (its escalation group). */
    public Optional<Approval> expire(String approvalId) {
        Approval approval = load(approvalId).orElseThrow();
        if (approval.state() != ApprovalState.AWAITING || clock.instant().isBefore(approval.deadline())) {
            return Optional.empty();
        }
        return Optional.ofNullable(end(approvalId, ApprovalState.EXPIRED, endings.expired(approval), null,
                Set.of(ApprovalState.AWAITING)));
    }

    /**
     * The data subject was erased: their open approvals are cancelled (what they would act on is gone), and their
     * requests answered so. Joins the erasure's transaction.
     */
    public int cancelForSubject(String tenant, String subjectId, String exceptApprovalId) {
        List<String> open = jdbc.queryForList("SELECT approval_id FROM hub_approval WHERE tenant = ? AND subject_id = ?"
                        + " AND state IN (?, ?, ?) AND approval_id <> ?", String.class, tenant, subjectId,
                ApprovalState.AWAITING.name(), ApprovalState.APPROVED.name(), ApprovalState.EDITED.name(),
                exceptApprovalId == null ? "" : exceptApprovalId);
        int cancelled = 0;
        for (String id : open) {
            if (executing.contains(id)) {
                continue;
            }
            Approval approval = load(id).orElseThrow();
            if (end(id, ApprovalState.CANCELLED, endings.cancelled(approval), null,
                    Set.of(ApprovalState.AWAITING, ApprovalState.APPROVED, ApprovalState.EDITED)) != null) {
                cancelled++;
            }
        }
        return cancelled;
    }

    /** A final state, the audit step, the message and the request's answer, in one transaction; null if it moved on. */
    private Approval end(String approvalId, ApprovalState state, FlowResult answer, String resultJson,
                         Set<ApprovalState> from) {
        return tx.execute(status -> {
            Approval before = load(approvalId).orElseThrow();
            if (!from.contains(before.state())) {
                return null;
            }
            Instant now = clock.instant();
            jdbc.update("UPDATE hub_approval SET state = ?, result_json = ?, executed_at = ?, version = version + 1"
                            + " WHERE approval_id = ? AND state = ?", state.name(), resultJson,
                    state == ApprovalState.EXECUTED ? Timestamp.from(now) : null, approvalId, before.state().name());
            Approval after = load(approvalId).orElseThrow();
            changed(after, before.state(), Map.of("digest", after.digest()));
            settle(after, answer);
            return after;
        });
    }

    /** The request that proposed the action gets its final answer (worded for its tenant), published to its channel. */
    private void settle(Approval approval, FlowResult answer) {
        if (approval.requestId() != null && answer != null) {
            ledger.requests().settle(approval.requestId(), wording.apply(approval.tenant(), answer));
        }
    }

    /** The audit step and the message of a change of state, in the transaction that makes it. */
    private void changed(Approval approval, ApprovalState from, Map<String, Object> more) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("approvalId", approval.approvalId());
        detail.put("type", approval.action().type());
        detail.put("target", approval.action().target());
        detail.put("from", from == null ? null : from.wireName());
        detail.put("to", approval.state().wireName());
        detail.putAll(more);
        if (approval.requestId() != null) {
            ledger.steps().step(approval.requestId(), STEP, detail);
        } else {
            ledger.steps().event(STEP, detail);
        }
        ledger.publications().publish(TOPIC, Map.of("HubTenant", approval.tenant(), "HubApprovalId",
                approval.approvalId(), "HubApprovalState", approval.state().wireName()), approval);
    }

    /** An approval as stored, whoever may see it. */
    public Optional<Approval> load(String approvalId) {
        if (approvalId == null || !approvalId.matches("[0-9a-fA-F-]{1,36}")) {
            return Optional.empty();
        }
        List<Approval> found = jdbc.query("SELECT a.*, r.request_text FROM hub_approval a LEFT JOIN hub_request r"
                + " ON r.request_id = a.request_id WHERE a.approval_id = ?", (rs, i) -> row(rs), approvalId);
        return found.stream().findFirst();
    }

    private Approval row(ResultSet rs) throws SQLException {
        String approvalId = rs.getString("approval_id");
        String digest = rs.getString("digest");
        List<Approval.Decision> decisions = jdbc.query("SELECT decided_by, decision, reason, digest_before, digest_after,"
                        + " decided_at FROM hub_approval_decision WHERE approval_id = ? ORDER BY decision_id",
                (d, i) -> new Approval.Decision(d.getString(1), d.getString(2), d.getString(3), d.getString(4),
                        d.getString(5), d.getTimestamp(6).toInstant()), approvalId);
        int approvals = (int) decisions.stream().filter(d -> d.digestAfter().equals(digest)
                && !d.decision().equals("deny")).map(Approval.Decision::decidedBy).distinct().count();
        try {
            return new Approval(approvalId, rs.getString("request_id"), rs.getString("tenant"), rs.getString("channel"),
                    rs.getString("subject_id"), ApprovalState.valueOf(rs.getString("state")),
                    json.readValue(rs.getString("action_json"), ProposedAction.class), digest,
                    json.readValue(rs.getString("policy_json"), Approval.Policy.class), approvals, decisions,
                    rs.getString("requested_by"), rs.getString("proposed_by"), rs.getString("request_text"),
                    instant(rs, "created_at"), instant(rs, "deadline_at"), instant(rs, "executed_at"),
                    rs.getString("result_json") == null ? null : json.readTree(rs.getString("result_json")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("approval " + approvalId + " is unreadable", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, detail));
    }

    /** Runs {@code work} in one transaction: an approval asked for over the API is held in one of its own (an erasure). */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
