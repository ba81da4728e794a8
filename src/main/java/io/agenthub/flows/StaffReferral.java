package io.agenthub.flows;

import io.agenthub.frontdoor.HubRequest;
import io.agenthub.intent.IntentPrediction;
import org.apache.camel.Variable;

/**
 * The fallback flow's answer: the request is queued for a person (durably, on the review queue)
 * and the caller is told so plainly.
 */
public final class StaffReferral {

    public FlowResult referred(@Variable("intent") IntentPrediction intent) {
        String why = IntentPrediction.UNKNOWN.equals(intent.label())
                ? "We could not tell what you need automatically."
                : "This request needs a member of staff.";
        return FlowResult.of(Outcome.REFERRED, why + " A member of staff will follow up.");
    }

    /** What goes on the review queue: the request and why it was referred, never more. */
    public record ReviewItem(String requestId, HubRequest request, IntentPrediction intent) {
    }

    public ReviewItem reviewItem(@Variable("requestId") String requestId, @Variable("request") HubRequest request,
                                 @Variable("intent") IntentPrediction intent) {
        return new ReviewItem(requestId, request, intent);
    }
}
