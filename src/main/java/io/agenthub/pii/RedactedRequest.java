package io.agenthub.pii;

import io.agenthub.api.HubRequest;
import io.agenthub.api.PiiType;
import io.agenthub.slm.Digests;

import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.Map;

/**
 * A request as everything after the door sees it: its text with personal data replaced by tokens, and a
 * summary for the audit trail (how many values of each type, the tokens used, a digest of the redacted text).
 */
public record RedactedRequest(HubRequest request, Map<PiiType, Integer> found, List<String> tokens, String textDigest) {

    /** A request whose text holds no personal data (or was not searched for it). */
    public static RedactedRequest nothingFound(HubRequest request) {
        return new RedactedRequest(request, Map.of(), List.of(), digest(request.text()));
    }

    static String digest(String text) {
        return Digests.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public int total() {
        return found.values().stream().mapToInt(Integer::intValue).sum();
    }
}
