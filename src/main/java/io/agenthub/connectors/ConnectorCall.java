package io.agenthub.connectors;

/**
 * One call to a back-end.
 *
 * @param operation       a stable name for metrics and the request history, e.g. {@code block-card}
 * @param path            relative to the connector's base URL, already URL-encoded
 * @param body            serialised as JSON; null for none
 * @param idempotencyKey  sent as {@code Idempotency-Key}; a call with one may be retried safely
 */
public record ConnectorCall(String operation, String method, String path, Object body, String idempotencyKey) {

    public static ConnectorCall get(String operation, String path) {
        return new ConnectorCall(operation, "GET", path, null, null);
    }

    public static ConnectorCall post(String operation, String path, Object body, String idempotencyKey) {
        return new ConnectorCall(operation, "POST", path, body, idempotencyKey);
    }

    /** Reads and idempotent writes can be retried; a write without a key could act twice. */
    public boolean retryable() {
        return "GET".equals(method) || idempotencyKey != null;
    }
}
