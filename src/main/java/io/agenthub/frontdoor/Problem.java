package io.agenthub.frontdoor;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem details body. {@code requestId} is set when the failure happened after the
 * request was recorded, so a caller can look it up; {@code errors} lists field-level reasons.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String requestId, List<FieldError> errors) {

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, List.of());
    }

    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, List.copyOf(errors));
    }

    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, id, errors);
    }
}
