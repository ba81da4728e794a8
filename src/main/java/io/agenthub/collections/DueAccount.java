package io.agenthub.collections;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One account with money due, as the back office's due-accounts statement reads it (connectors/back-office.camel.yaml),
 * with what the rules need of its customer. Holds no name or contact detail: the contact systems have those.
 *
 * @param quietFrom the customer's own quiet hours, or null for the rules' default
 */
public record DueAccount(String accountId, String kind, String customerId, String tenant, String product,
                         BigDecimal balance, String currency, BigDecimal amountDue, LocalDate dueDate, int daysPastDue,
                         Channel preferredChannel, boolean vulnerable, LocalTime quietFrom, LocalTime quietTo,
                         ZoneId timezone) {

    /** A row of the statement; column names as the database reports them (H2 upper-case, PostgreSQL lower-case). */
    public static DueAccount fromRow(Map<String, Object> row) {
        Map<String, Object> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        columns.putAll(row);
        return new DueAccount(text(columns, "account_id"), text(columns, "kind"), text(columns, "customer_id"),
                text(columns, "tenant"), text(columns, "product"), decimal(columns, "balance"),
                text(columns, "currency").strip(), decimal(columns, "amount_due"), date(columns, "due_date"),
                ((Number) columns.get("days_past_due")).intValue(), Channel.of(text(columns, "preferred_channel")),
                Boolean.TRUE.equals(columns.get("vulnerable")), time(columns.get("quiet_from")),
                time(columns.get("quiet_to")), ZoneId.of(text(columns, "timezone")));
    }

    private static String text(Map<String, Object> columns, String name) {
        Object value = columns.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the due-accounts statement gave no " + name.toUpperCase(Locale.ROOT));
        }
        return value.toString();
    }

    private static BigDecimal decimal(Map<String, Object> columns, String name) {
        Object value = columns.get(name);
        return value instanceof BigDecimal d ? d : new BigDecimal(text(columns, name));
    }

    private static LocalDate date(Map<String, Object> columns, String name) {
        Object value = columns.get(name);
        if (value instanceof java.sql.Date sql) {
            return sql.toLocalDate();
        }
        return value instanceof LocalDate local ? local : LocalDate.parse(text(columns, name));
    }

    private static LocalTime time(Object value) {
        return value == null || value.toString().isBlank() ? null : LocalTime.parse(value.toString().strip());
    }
}
