package io.agenthub.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.store.Referrals;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** The durable queue people work from, in the hub's database so it survives restarts and can be listed. */
public final class ReviewQueue implements Referrals {

    public static final String PENDING = "PENDING";
    private static final int MAX_LIMIT = 500;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public ReviewQueue(DataSource dataSource, ObjectMapper json, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
        this.clock = clock;
    }


    /**
     * Queues a decision the data subject contests (GDPR Art. 22(3): the right to a person's review); their
     * statement is in the request's history, as a {@code contested} step.
     */
    public long enqueueContest(String requestId, String decidedLabel, Double decidedConfidence) {
        return insert(requestId, null, CONTESTED, decidedLabel, decidedConfidence, "[]");
    }

    /**
     * The review item a referred request's answer promises: a request the automated tiers or flows could not
     * settle. The ledger calls it inside the transaction that stores the answer (this template joins it), so
     * both commit together.
     */
    @Override
    public void queue(String requestId, CascadeAnswer answer, String reason) {
        try {
            insert(requestId, answer.capability(), reason == null || reason.isBlank() ? "referred by the flow" : reason,
                    answer.label(), answer.confidence(), json.writeValueAsString(answer.attempts()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the attempts of request " + requestId, e);
        }
    }

    /**
     * Inserts an item, once per request and reason: a request re-run after a crash finds the item it queued
     * before, instead of queueing a second one.
     */
    private long insert(String requestId, String capability, String reason, String label, Double confidence,
                        String attemptsJson) {
        List<Long> existing = jdbc.queryForList("SELECT review_id FROM hub_review WHERE request_id = ? AND reason = ?"
                + " AND status = ?", Long.class, requestId, reason, PENDING);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("INSERT INTO hub_review (request_id, capability, reason,"
                    + " suggested_label, suggested_confidence, attempts_json, status, created_at) VALUES (?,?,?,?,?,?,?,?)",
                    new String[] {"review_id"});
            statement.setString(1, requestId);
            statement.setString(2, capability);
            statement.setString(3, reason);
            statement.setString(4, label);
            statement.setObject(5, confidence);
            statement.setString(6, attemptsJson);
            statement.setString(7, PENDING);
            statement.setTimestamp(8, Timestamp.from(clock.instant()));
            return statement;
        }, keys);
        return keys.getKey().longValue();
    }

    /** Why a contested decision is in the queue. */
    public static final String CONTESTED = "contested by the data subject";

    /**
     * The items of the given tenants' requests, oldest first. {@code status} defaults to pending; {@code limit} to 50,
     * at most 500.
     */
    public List<ReviewItem> list(String status, String limit, Collection<String> tenants) {
        String wanted = status == null || status.isBlank() ? PENDING : status.toUpperCase(Locale.ROOT);
        if (!wanted.matches("[A-Z_]{1,16}")) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "status must be a word such as pending");
        }
        int max;
        try {
            max = limit == null || limit.isBlank() ? 50 : Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "limit must be a whole number");
        }
        if (max < 1 || max > MAX_LIMIT) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        if (tenants.isEmpty()) {
            return List.of();
        }
        List<Object> arguments = new ArrayList<>();
        arguments.add(wanted);
        arguments.addAll(tenants);
        return jdbc.query("SELECT v.* FROM hub_review v JOIN hub_request r ON r.request_id = v.request_id"
                        + " WHERE v.status = ? AND r.tenant IN (" + String.join(",", Collections.nCopies(tenants.size(), "?"))
                        + ") ORDER BY v.review_id FETCH FIRST " + max + " ROWS ONLY",
                (rs, i) -> {
                    Object confidence = rs.getObject("suggested_confidence");
                    try {
                        return new ReviewItem(rs.getLong("review_id"), rs.getString("request_id"),
                                rs.getString("capability"), rs.getString("reason"), rs.getString("suggested_label"),
                                confidence == null ? null : ((Number) confidence).doubleValue(),
                                json.readTree(rs.getString("attempts_json")), rs.getString("status"),
                                rs.getTimestamp("created_at").toInstant());
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored attempts are unreadable", e);
                    }
                }, arguments.toArray());
    }
}
