package io.agenthub.frontdoor;

import io.agenthub.flows.ActionTaken;
import io.agenthub.flows.Outcome;

import java.util.List;

/**
 * The answer to a request. {@code route} is the id of the flow route that handled it, {@code model}
 * the classifier version that chose that route.
 */
public record HubReply(String requestId, String intent, double confidence, String route, Outcome outcome,
                       String message, List<ActionTaken> actions, String model) {
}
