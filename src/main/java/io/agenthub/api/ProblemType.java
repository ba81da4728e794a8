package io.agenthub.api;

/**
 * The kinds of problem the hub reports to callers (RFC 9457 problem details). The slug is part of
 * the public interface: callers branch on {@code type}, never on the human-readable text.
 */
public enum ProblemType {
    MALFORMED_JSON(400, "Malformed JSON"),
    MALFORMED_REQUEST_LINE(400, "Malformed request line"),
    INVALID_REQUEST(400, "Invalid request"),
    /** No bearer token, or one the hub does not accept; the answer carries a WWW-Authenticate challenge. */
    UNAUTHENTICATED(401, "Unauthenticated"),
    /** The token is valid but does not hold the role the operation needs, or not for the request's tenant. */
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    REQUEST_IN_PROGRESS(409, "Request with this idempotency key is still in progress"),
    NOT_REPLAYABLE(409, "Dead letter cannot be replayed"),
    /** An approval or review item that is no longer waiting for this decision (decided, expired, or by this person). */
    ALREADY_DECIDED(409, "Already decided"),
    /** A run of a back-office job for a tenant while another run of it is still running. */
    JOB_ALREADY_RUNNING(409, "Job already running"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    UNKNOWN_TENANT(422, "Unknown tenant"),
    VALUE_NOT_HELD(422, "Personal data no longer held"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key already used for a different request"),
    /** Over a tenant's or caller's limit (compliance/tenants.yaml); nothing was done, so the same request may be sent again. */
    TOO_MANY_REQUESTS(429, "Too many requests"),
    BACKEND_UNAVAILABLE(502, "Back-end unavailable"),
    CUSTOMER_BUSY(503, "Another request for this customer is being handled"),
    INTERNAL_ERROR(500, "Internal error"),
    /** A message the broker gave up on after its delivery attempts; the reason of a dead letter in its DLQ. */
    DELIVERY_ATTEMPTS_EXHAUSTED(500, "Delivery attempts exhausted");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return "urn:agent-hub:problem:" + name().toLowerCase().replace('_', '-');
    }
}
