package io.agenthub.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem details body. {@code requestId} is set when the failure happened after the
 * request was recorded, so a caller can look it up; {@code errors} lists field-level reasons;
 * {@code retryAfter} (seconds) is set when the same request may succeed later, and is also sent as the
 * HTTP {@code Retry-After} header: a JMS reply has no HTTP headers, so the body carries it too.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String requestId, List<FieldError> errors,
                      Long retryAfter) {

    public Problem(String type, String title, int status, String detail, String requestId, List<FieldError> errors) {
        this(type, title, status, detail, requestId, errors, null);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, List.of());
    }

    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, List.copyOf(errors));
    }

    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, id, errors, retryAfter);
    }

    /** The same problem, to be asked again after {@code seconds}. */
    public Problem withRetryAfter(long seconds) {
        return new Problem(type, title, status, detail, requestId, errors, seconds);
    }
}
