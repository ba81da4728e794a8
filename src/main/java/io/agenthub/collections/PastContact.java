package io.agenthub.collections;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One earlier contact about an account, from the back office's contact history (whoever made it). */
public record PastContact(Instant at, String channel, String outcome) {

    /** The rows of the contact-history statement. */
    public static List<PastContact> fromRows(List<Map<String, Object>> rows) {
        return rows.stream().map(PastContact::fromRow).toList();
    }

    static PastContact fromRow(Map<String, Object> row) {
        Map<String, Object> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        columns.putAll(row);
        Object at = columns.get("contacted_at");
        Instant instant = at instanceof OffsetDateTime offset ? offset.toInstant()
                : at instanceof java.sql.Timestamp timestamp ? timestamp.toInstant()
                : OffsetDateTime.parse(String.valueOf(at)).toInstant();
        return new PastContact(instant, String.valueOf(columns.get("channel")), String.valueOf(columns.get("outcome")));
    }
}
