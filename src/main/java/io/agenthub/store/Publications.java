package io.agenthub.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the hub tells other systems over JMS (a new approval and its changes of state on {@code hub.approvals}, a
 * request's later final answer on {@code hub.notifications}), as a transactional outbox: a message is written in the
 * transaction of the change it tells of, and the route {@code publications} sends it afterwards and marks it sent. No
 * message is lost to a crash, none tells of a change that was rolled back; one sent just before a crash is sent again,
 * so receivers keep the first by its {@code HubPublicationId} property.
 */
public final class Publications {

    /** One message waiting to be sent. */
    public record Publication(long publicationId, String destination, Map<String, String> headers, JsonNode body) {
    }

    private static final int BATCH = 100;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public Publications(DataSource dataSource, ObjectMapper json, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
        this.clock = clock;
    }

    /** Queues a message; call it inside the transaction of the change it tells of (this joins it). */
    public void publish(String destination, Map<String, String> headers, Object body) {
        try {
            jdbc.update("INSERT INTO hub_publication (destination, headers_json, body_json, created_at) VALUES (?,?,?,?)",
                    destination, json.writeValueAsString(headers), json.writeValueAsString(body), Timestamp.from(clock.instant()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a message for " + destination, e);
        }
    }

    /** The oldest messages not sent yet, at most a batch. */
    public List<Publication> due() {
        return jdbc.query("SELECT publication_id, destination, headers_json, body_json FROM hub_publication"
                + " WHERE published_at IS NULL ORDER BY publication_id FETCH FIRST " + BATCH + " ROWS ONLY", (rs, i) -> {
                    try {
                        return new Publication(rs.getLong(1), rs.getString(2),
                                json.readValue(rs.getString(3), new TypeReference<Map<String, String>>() { }),
                                json.readTree(rs.getString(4)));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("stored message " + rs.getLong(1) + " is unreadable", e);
                    }
                });
    }

    /** The message reached the broker. */
    public void sent(long publicationId) {
        jdbc.update("UPDATE hub_publication SET published_at = ? WHERE publication_id = ?",
                Timestamp.from(clock.instant()), publicationId);
    }
}
