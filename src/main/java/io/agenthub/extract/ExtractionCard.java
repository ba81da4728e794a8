package io.agenthub.extract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.slm.ModelCard;

import java.util.List;
import java.util.Map;

/**
 * The model card of an extraction model version ({@code models/<capability>/<version>/model-card.json}): which
 * recogniser set it runs, the files it reads with their SHA-256 digests (checked at load), how it was measured,
 * and its lineage; from banking-slots v2, the token tagger that decides where slots are, and the validation block
 * (protocol, what the figures never saw, the figures with their spread, the command that gives them again).
 *
 * @param recognizers the recogniser set: {@code banking-slots} or {@code claim-notice}
 * @param evaluation  free-form figures with the data and command that produced them
 * @param tagger      the slot tagger over the recognisers, or null where the recognisers alone answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtractionCard(String capability, String version, String recognizers, String description,
                             Map<String, String> files, Tagger tagger, JsonNode evaluation, JsonNode validation,
                             JsonNode trainingData, String parent, String createdAt) {

    /**
     * A token tagger's settings: the encoder whose token states it reads (its digest is checked at load), the head
     * file (listed in {@code files} with its digest), the slots in tag order, what its features hold, and the slots
     * whose recognisers' readings stand over the tagger's.
     */
    public record Tagger(ModelCard.EncoderRef encoder, String head, List<String> slots, boolean neighbours, boolean hints,
                         double hintDropout, double l2, int iterations, List<String> keepRules) {
    }
}
