package io.agenthub.capability;

import java.util.List;

/**
 * What a capability's cascade concluded: the accepted answer and the tier that gave it, or, when no
 * tier was confident, the last valid answer seen with {@code escalated} set (the request goes to people).
 */
public record CascadeAnswer(String capability, String label, double confidence, String tier, String model,
                            boolean escalated, List<TierAttempt> attempts) {
}
