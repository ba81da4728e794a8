package io.agenthub.connectors.insurance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/** A letter the insurer keeps for its print and mail room (sendClaimLetter's answer). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Letter(String letterId, String claimNumber, String template, String templateVersion, Instant sentAt) {
}
