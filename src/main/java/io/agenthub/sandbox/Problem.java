package io.agenthub.sandbox;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.List;
import java.util.Locale;

/** An RFC 9457 problem document; {@code errors} lists field-level validation failures. */
record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    static final String TYPE_BASE = "https://sandbox.agenthub.invalid/problems/";

    record FieldError(String field, String message) {
    }

    Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, null);
    }

    /** A problem whose meaning is just its status, titled with the standard reason phrase. */
    static Problem ofStatus(int status, String detail) {
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
        String slug = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return of(status, slug.isEmpty() ? "http-" + status : slug, reason, detail);
    }

    Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
