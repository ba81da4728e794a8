package io.agenthub.sandbox;

import io.agenthub.sandbox.Problem.FieldError;

import java.util.List;

/** Carries an expected client-facing failure to the router's failure handler; no stack trace is captured or shown. */
final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }

    static ProblemException badRequest(String slug, String title, String detail) {
        return new ProblemException(Problem.of(400, slug, title, detail));
    }

    static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "validation-failed", "Request validation failed",
                400, "The request has " + errors.size() + " invalid field(s).", null, errors));
    }

    static ProblemException notFound(String resource, String id) {
        return new ProblemException(Problem.of(404, "not-found", "Resource not found",
                resource + " " + id + " does not exist."));
    }

    static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(409, slug, title, detail));
    }

    static ProblemException unprocessable(String slug, String title, String detail) {
        return new ProblemException(Problem.of(422, slug, title, detail));
    }
}
