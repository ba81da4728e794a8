package io.agenthub.store;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What people decided, kept as lessons (table {@code hub_golden_example}): each resolution of a review item, each
 * edit or denial of an approval, with the request's pseudonymised text, the label or corrected action a person chose,
 * who chose it, and what the models had said. Call {@link #record} inside the transaction of the decision that teaches
 * it (its template joins that transaction), so a decision is never kept without its lesson or the other way round.
 * The texts go with the request's text: {@link TextErasure} blanks them on a subject's erasure and at the end of the
 * request texts' retention period. {@code agent-hub traces export} writes the labelled ones as training data.
 */
public final class GoldenExamples {

    /** What taught the example. */
    public enum Kind {
        /** A reviewer chose the intent of a request no tier was sure of. */
        RESOLUTION,
        /** A reviewer marked a request out of scope. */
        OUT_OF_SCOPE,
        /** A reviewer answered the request in words of their own; no label. */
        ANSWER,
        /** An approver changed a proposed action's parameters. */
        EDIT,
        /** An approver refused a proposed action. */
        DENIAL,
        /** A person reviewing a contested decision overturned it. */
        OVERTURN;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind of(String wireName) {
            return Arrays.stream(values()).filter(k -> k.wireName().equals(wireName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no golden example kind '" + wireName + "'"));
        }
    }

    /** One example as stored; {@code text} is {@link TextErasure#ERASED_TEXT} once erased. */
    public record Example(long exampleId, String capability, String tenant, String requestId, String text, String label,
                          JsonNode correctedAction, Kind kind, String decidedBy, JsonNode modelAnswer, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public GoldenExamples(DataSource dataSource, ObjectMapper json, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
        this.clock = clock;
    }

    /**
     * Keeps one lesson; call it in the transaction of the decision that teaches it.
     *
     * @param capability      the capability whose answer a person corrected (e.g. {@code banking77-intent}); null for an
     *                        action no capability proposed (an API-initiated erasure)
     * @param tenant          the tenant whose data it is
     * @param requestId       the request it comes from; null for an API-initiated action
     * @param text            the request's text, pseudonymised (tokens, never original values); null when there is none
     * @param label           the label a person chose; null when they answered, edited or denied instead
     * @param correctedAction the action as a person corrected it (an edit's parameters, or the denied action), serialised
     *                        as JSON; null for a label. It must carry tokens, not personal values: it stays after erasure
     *                        only blanked with the text
     * @param kind            what taught it
     * @param decidedBy       who decided (the caller's id, subject at issuer)
     * @param modelAnswer     what the models said (a {@code CascadeAnswer}, an action's evidence), serialised as JSON
     * @return the example's id
     */
    public long record(String capability, String tenant, String requestId, String text, String label,
                       Object correctedAction, Kind kind, String decidedBy, Object modelAnswer) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(decidedBy, "decidedBy");
        String actionJson = write(correctedAction);
        String answerJson = write(modelAnswer);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("INSERT INTO hub_golden_example (capability, tenant, request_id,"
                    + " text, label, corrected_action_json, kind, decided_by, model_answer_json, created_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?)", new String[] {"example_id"});
            statement.setString(1, capability);
            statement.setString(2, tenant);
            statement.setString(3, requestId);
            statement.setString(4, text);
            statement.setString(5, label);
            statement.setString(6, actionJson);
            statement.setString(7, kind.wireName());
            statement.setString(8, decidedBy);
            statement.setString(9, answerJson);
            statement.setTimestamp(10, Timestamp.from(clock.instant()));
            return statement;
        }, keys);
        return keys.getKey().longValue();
    }

    /** The capability's examples, oldest first. */
    public List<Example> of(String capability) {
        return jdbc.query("SELECT * FROM hub_golden_example WHERE capability = ? ORDER BY created_at, example_id",
                this::example, capability);
    }

    /** The examples of one request, oldest first. */
    public List<Example> ofRequest(String requestId) {
        return jdbc.query("SELECT * FROM hub_golden_example WHERE request_id = ? ORDER BY created_at, example_id",
                this::example, requestId);
    }

    private Example example(ResultSet rs, int row) throws SQLException {
        return new Example(rs.getLong("example_id"), rs.getString("capability"), rs.getString("tenant"),
                rs.getString("request_id"), rs.getString("text"), rs.getString("label"),
                read(rs.getString("corrected_action_json")), Kind.of(rs.getString("kind")), rs.getString("decided_by"),
                read(rs.getString("model_answer_json")), rs.getTimestamp("created_at").toInstant());
    }

    private String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private JsonNode read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored golden example is unreadable", e);
        }
    }
}
