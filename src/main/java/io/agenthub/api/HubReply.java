package io.agenthub.api;


import java.util.List;

/**
 * The answer to a request. {@code route} is the id of the flow route that handled it; {@code tier} and
 * {@code model} say which tier and model version chose the intent; {@code escalated} is true when no
 * tier was confident and people were asked.
 */
public record HubReply(String requestId, String intent, double confidence, String route, Outcome outcome,
                       String message, List<ActionTaken> actions, String tier, String model, boolean escalated) {
}
