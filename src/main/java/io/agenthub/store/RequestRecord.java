package io.agenthub.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/** A stored request as {@code GET /api/v1/requests/{id}} returns it: what came in, what happened, what went out. */
public record RequestRecord(String requestId, String tenant, String channel, String subjectId, String text,
                            String idempotencyKey, String correlationId, RequestStatus status, String intent,
                            Double confidence, String route, String outcome, Instant receivedAt,
                            Instant completedAt, JsonNode reply, List<Step> steps) {

    /** One step taken for the request, in order. */
    public record Step(String step, Instant at, JsonNode detail) {
    }
}
