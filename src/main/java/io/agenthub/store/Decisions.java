package io.agenthub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.api.HubRequest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decisions a request acts on, each made once, and the requests re-run to recall them: one a crash
 * interrupted, or one waiting for a back-end to confirm an action. A re-run request finds the decisions it acted
 * on the first time, so the back-end sees the same action under the same key.
 */
public final class Decisions {

    static final String DECIDED = "decided";
    static final String OUTCOME_UNKNOWN = "outcome-unknown";

    private final LedgerTables tables;
    private final StepOutbox outbox;
    /** Requests being re-run by recovery: their recorded decisions are looked up, not made afresh. */
    private final Set<String> recovering = ConcurrentHashMap.newKeySet();

    Decisions(LedgerTables tables, StepOutbox outbox) {
        this.tables = tables;
        this.outbox = outbox;
    }

    /**
     * A decision a request acts on, made once: the value given the first time, even when the request is re-run
     * after a crash and the world has changed since (the card it blocked is no longer active), unless a person
     * replaced it since ({@link #override}). Kept with the request's steps, so it is durable before any action taken
     * on it.
     */
    @SuppressWarnings("unchecked")
    public <T> T decided(String requestId, String name, T value) {
        if (recovering.contains(requestId)) {
            Optional<T> earlier = recalled(requestId, name, (Class<T>) value.getClass());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        outbox.step(requestId, DECIDED, new Decision(name, value));
        return value;
    }

    /**
     * Replaces a decision the request made, for its next run: a reviewer's intent in place of the model's. When the
     * request is re-run ({@link #resume}), {@link #decided} recalls this value, since the later of two decisions of
     * the same name wins. Written at once, not held in the step outbox, so that the re-run finds it; call it inside
     * the transaction that records why (the review's resolution), which it joins.
     */
    public <T> void override(String requestId, String name, T value) {
        tables.insertStep(requestId, DECIDED, new Decision(name, value));
    }

    /**
     * The decision of this name the request made before, when it is being re-run (the value {@link #decided} would
     * recall); empty for a request on its first run, so a first run never pays for the look-up.
     */
    public <T> Optional<T> earlier(String requestId, String name, Class<T> type) {
        return isResumed(requestId) ? recalled(requestId, name, type) : Optional.empty();
    }

    /** How a decision is kept among the request's steps. */
    private record Decision(String name, Object value) {
    }

    private <T> Optional<T> recalled(String requestId, String name, Class<T> type) {
        List<String> values = tables.jdbc.queryForList("SELECT detail_json FROM hub_request_step WHERE request_id = ?"
                + " AND step = ? ORDER BY step_id", String.class, requestId, DECIDED);
        // The last of its name: an override (a reviewer's intent) comes after the decision it replaces.
        JsonNode last = null;
        for (String value : values) {
            JsonNode detail = tables.read(value);
            if (name.equals(detail.path("name").asText())) {
                last = detail;
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(tables.value(last.get("value"), type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision '" + name + "' of request " + requestId + " is unreadable", e);
        }
    }

    /** Whether the request is being re-run by recovery (after a crash, or to settle an unknown outcome). */
    public boolean isResumed(String requestId) {
        return requestId != null && recovering.contains(requestId);
    }

    /**
     * Requests admitted but not answered, oldest first, that no thread of this hub is working on and that are due:
     * one a crash interrupted at once; one waiting for a back-end to confirm an action after a pause that doubles
     * with each unanswered re-ask, from {@code firstPause} up to {@code longestPause}, so a long outage adds a few
     * steps an hour to its history, not one every pass.
     */
    public List<String> unanswered(Duration firstPause, Duration longestPause) {
        Instant now = tables.clock.instant();
        return tables.jdbc.query("SELECT r.request_id, COUNT(s.step_id), MAX(s.recorded_at) FROM hub_request r"
                        + " LEFT JOIN hub_request_step s ON s.request_id = r.request_id AND s.step = ?"
                        + " WHERE r.status = ? GROUP BY r.request_id, r.received_at ORDER BY r.received_at, r.request_id",
                (rs, i) -> {
                    String requestId = rs.getString(1);
                    int reasks = rs.getInt(2);
                    Timestamp last = rs.getTimestamp(3);
                    if (outbox.inFlight(requestId)) {
                        return null;
                    }
                    if (reasks == 0 || last == null) {
                        return requestId;
                    }
                    Duration pause = firstPause.multipliedBy(1L << Math.min(reasks - 1, 20));
                    return now.isBefore(last.toInstant().plus(pause.compareTo(longestPause) > 0 ? longestPause : pause))
                            ? null : requestId;
                }, OUTCOME_UNKNOWN, RequestStatus.IN_PROGRESS.name()).stream().filter(Objects::nonNull).toList();
    }

    /**
     * Takes up an unanswered request again, as it was stored (its text pseudonymised): its decisions are
     * recalled rather than made afresh. Empty when it was answered meanwhile.
     */
    public Optional<HubRequest> resume(String requestId) {
        List<HubRequest> found = tables.jdbc.query("SELECT tenant, channel, subject_id, request_text, idempotency_key,"
                        + " correlation_id FROM hub_request WHERE request_id = ? AND status = ?",
                (rs, i) -> new HubRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), requestId, RequestStatus.IN_PROGRESS.name());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        recovering.add(requestId);
        outbox.begin(requestId);
        return Optional.of(found.get(0));
    }

    /** The re-run is over: the request was answered, or handed back to recovery. */
    void settled(String requestId) {
        recovering.remove(requestId);
    }
}
