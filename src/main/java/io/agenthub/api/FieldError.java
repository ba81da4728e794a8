package io.agenthub.api;

/** One reason a request was refused, tied to the field that caused it. */
public record FieldError(String field, String message) {
}
