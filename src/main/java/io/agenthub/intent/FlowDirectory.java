package io.agenthub.intent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Which flow route serves which intent ({@code routes/intent-flows.yaml}). An intent with no flow, or
 * a prediction below the confidence floor, goes to the fallback flow, where people take over.
 */
public final class FlowDirectory {

    public record Declaration(Map<String, String> flows, String fallback, double minConfidence) {
    }

    private final Declaration declaration;

    public FlowDirectory(Declaration declaration) {
        if (declaration.fallback() == null || declaration.fallback().isBlank()) {
            throw new IllegalArgumentException("intent-flows.yaml must name a fallback flow");
        }
        this.declaration = new Declaration(Map.copyOf(declaration.flows()), declaration.fallback(),
                declaration.minConfidence());
    }

    public static FlowDirectory fromYaml(InputStream yaml) throws IOException {
        return new FlowDirectory(new ObjectMapper(new YAMLFactory()).readValue(yaml, Declaration.class));
    }

    /** The route id (also the {@code direct:} endpoint name) that handles this prediction. */
    public String flowFor(IntentPrediction prediction) {
        if (prediction.confidence() < declaration.minConfidence()) {
            return declaration.fallback();
        }
        return declaration.flows().getOrDefault(prediction.label(), declaration.fallback());
    }
}
