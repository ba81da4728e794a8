package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The model card of an extraction model version ({@code models/<capability>/<version>/model-card.json}): which
 * recogniser set it runs, the files it reads with their SHA-256 digests (checked at load), how it was measured,
 * and its lineage.
 *
 * @param recognizers the recogniser set: {@code banking-slots} or {@code claim-notice}
 * @param evaluation  free-form figures with the data and command that produced them
 */
public record ExtractionCard(String capability, String version, String recognizers, String description,
                             Map<String, String> files, JsonNode evaluation, String parent, String createdAt) {
}
