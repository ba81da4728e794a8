package io.agenthub.review;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A request waiting for a person: why it is here, what the models suggested (with every tier's
 * attempt), and when it arrived. Texts stay in the request record; the queue refers to it by id.
 */
public record ReviewItem(long reviewId, String requestId, String capability, String reason, String suggestedLabel,
                         Double suggestedConfidence, JsonNode attempts, String status, Instant createdAt) {
}
