package io.agenthub.extract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.capability.TierAttempt;

/** What an extracting tier said, before it is judged: its slots, and what the call cost (null for in-process tiers). */
public record SlotsAnswer(ObjectNode slots, TierAttempt.Usage usage) {
}
