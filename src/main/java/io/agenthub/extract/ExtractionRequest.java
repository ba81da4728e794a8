package io.agenthub.extract;

import java.time.LocalDateTime;

/** One text to extract from, and the time its relative dates and times ("yesterday", "in 2 hours") count from. */
public record ExtractionRequest(String id, String text, LocalDateTime referenceTime) {
}
