package io.agenthub.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.Page;
import io.agenthub.api.Paging;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.store.Referrals;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The durable queue people work from, in the hub's database so it survives restarts and can be listed. Each item has
 * a deadline ({@code hub.reviews.deadline} after it was queued) and is listed soonest first.
 */
public final class ReviewQueue implements Referrals {

    public static final String PENDING = "PENDING";
    public static final String RESOLVED = "RESOLVED";
    /** Why a contested decision is in the queue. */
    public static final String CONTESTED = "contested by the data subject";
    public static final Duration DEFAULT_DEADLINE = Duration.ofHours(24);
    private static final int MAX_LIMIT = 500;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration deadline;

    /** @param deadline how long after it is queued an item should be worked ({@code hub.reviews.deadline}) */
    public ReviewQueue(DataSource dataSource, ObjectMapper json, Clock clock, Duration deadline) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
        this.clock = clock;
        this.deadline = deadline;
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
     * Inserts an item, once per request and reason while pending: a request re-run after a crash finds the item it
     * queued before, instead of queueing a second one.
     */
    private long insert(String requestId, String capability, String reason, String label, Double confidence,
                        String attemptsJson) {
        List<Long> existing = jdbc.queryForList("SELECT review_id FROM hub_review WHERE request_id = ? AND reason = ?"
                + " AND status = ?", Long.class, requestId, reason, PENDING);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        // To the millisecond, as a page's cursor carries it: the next page begins exactly after its last item.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("INSERT INTO hub_review (request_id, capability, reason,"
                    + " suggested_label, suggested_confidence, attempts_json, status, created_at, deadline)"
                    + " VALUES (?,?,?,?,?,?,?,?,?)", new String[] {"review_id"});
            statement.setString(1, requestId);
            statement.setString(2, capability);
            statement.setString(3, reason);
            statement.setString(4, label);
            statement.setObject(5, confidence);
            statement.setString(6, attemptsJson);
            statement.setString(7, PENDING);
            statement.setTimestamp(8, Timestamp.from(now));
            statement.setTimestamp(9, Timestamp.from(now.plus(deadline)));
            return statement;
        }, keys);
        return keys.getKey().longValue();
    }

    /**
     * One page of the given tenants' items, soonest deadline first. {@code status} defaults to pending; {@code limit}
     * to 50, at most 500; {@code after} is the cursor the previous page gave ({@link Paging.Cursor}: its last item's
     * deadline and id).
     */
    public Page<ReviewItem> page(String status, String limit, String after, Collection<String> tenants) {
        String wanted = status == null || status.isBlank() ? PENDING : status.strip().toUpperCase(Locale.ROOT);
        if (!wanted.matches("[A-Z_]{1,16}")) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "status must be a word such as pending");
        }
        int max = Paging.limit(limit, MAX_LIMIT);
        Paging.Cursor cursor = after == null || after.isBlank() ? null : Paging.Cursor.parse(after);
        if (tenants.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        List<Object> arguments = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE v.status = ? AND r.tenant IN (")
                .append(String.join(",", Collections.nCopies(tenants.size(), "?"))).append(')');
        arguments.add(wanted);
        arguments.addAll(tenants);
        if (cursor != null) {
            long reviewId;
            try {
                reviewId = Long.parseLong(cursor.id());
            } catch (NumberFormatException e) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "after must be the cursor of a Link rel=\"next\""
                        + " header, as the hub gave it");
            }
            Timestamp deadline = Timestamp.from(cursor.at());
            where.append(" AND (v.deadline > ? OR (v.deadline = ? AND v.review_id > ?))");
            arguments.add(deadline);
            arguments.add(deadline);
            arguments.add(reviewId);
        }
        // One more than asked for tells whether there is a next page.
        List<ReviewItem> items = jdbc.query(SELECT + where + " ORDER BY v.deadline, v.review_id FETCH FIRST " + (max + 1)
                + " ROWS ONLY", this::item, arguments.toArray());
        if (items.size() <= max) {
            return new Page<>(items, null);
        }
        ReviewItem last = items.get(max - 1);
        return new Page<>(items.subList(0, max), new Paging.Cursor(last.deadline(), Long.toString(last.reviewId())).toString());
    }

    /** One item, whichever tenant's it is (the caller checks that it may see it). */
    public Optional<ReviewItem> find(long reviewId) {
        return jdbc.query(SELECT + " WHERE v.review_id = ?", this::item, reviewId).stream().findFirst();
    }

    /**
     * Marks a pending item resolved; false when it was not pending (resolved meanwhile). Call it in the transaction
     * that acts on the resolution: the update holds the item's row, so of two people resolving at once one wins.
     */
    public boolean resolve(long reviewId, ReviewItem.Resolution resolution) {
        String resolutionJson;
        try {
            resolutionJson = json.writeValueAsString(resolution);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a resolution", e);
        }
        return jdbc.update("UPDATE hub_review SET status = ?, resolved_by = ?, resolved_at = ?, resolution_json = ?"
                        + " WHERE review_id = ? AND status = ?", RESOLVED, resolution.by(), Timestamp.from(resolution.at()),
                resolutionJson, reviewId, PENDING) == 1;
    }

    private static final String SELECT = "SELECT v.*, r.tenant, r.request_text, r.status AS request_status, r.outcome,"
            + " r.flow FROM hub_review v JOIN hub_request r ON r.request_id = v.request_id";

    private ReviewItem item(ResultSet rs, int row) throws SQLException {
        Object confidence = rs.getObject("suggested_confidence");
        String resolution = rs.getString("resolution_json");
        try {
            return new ReviewItem(rs.getLong("review_id"), rs.getString("request_id"), rs.getString("tenant"),
                    rs.getString("capability"), rs.getString("reason"), rs.getString("suggested_label"),
                    confidence == null ? null : ((Number) confidence).doubleValue(),
                    json.readTree(rs.getString("attempts_json")), rs.getString("status").toLowerCase(Locale.ROOT),
                    rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("deadline").toInstant(),
                    rs.getString("request_text"), List.of(),
                    CONTESTED.equals(rs.getString("reason")) ? ReviewItem.Kind.CONTEST : ReviewItem.Kind.REFERRAL,
                    resolution == null ? null : json.readValue(resolution, ReviewItem.Resolution.class),
                    new ReviewItem.RequestState(rs.getString("request_status").toLowerCase(Locale.ROOT).replace('_', '-'),
                            rs.getString("outcome"), rs.getString("flow")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored review item " + rs.getLong("review_id") + " is unreadable", e);
        }
    }
}
