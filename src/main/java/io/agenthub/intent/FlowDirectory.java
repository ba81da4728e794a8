package io.agenthub.intent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agenthub.capability.CascadeAnswer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Which flow route serves which intent ({@code routes/intent-flows.yaml}). An escalated answer (no tier
 * was confident) and an intent with no flow go to the fallback flow, where people take over.
 */
public final class FlowDirectory {

    public record Declaration(Map<String, String> flows, String fallback) {
    }

    private final Declaration declaration;

    public FlowDirectory(Declaration declaration) {
        if (declaration.fallback() == null || declaration.fallback().isBlank()) {
            throw new IllegalArgumentException("intent-flows.yaml must name a fallback flow");
        }
        this.declaration = new Declaration(Map.copyOf(declaration.flows()), declaration.fallback());
    }

    public static FlowDirectory fromYaml(InputStream yaml) throws IOException {
        return new FlowDirectory(new ObjectMapper(new YAMLFactory()).readValue(yaml, Declaration.class));
    }

    /** The route id (also the {@code direct:} endpoint name) that handles this answer. */
    public String flowFor(CascadeAnswer answer) {
        if (answer.escalated() || answer.label() == null) {
            return declaration.fallback();
        }
        return declaration.flows().getOrDefault(answer.label(), declaration.fallback());
    }

    /** Intent to flow route, as declared. */
    public Map<String, String> flows() {
        return declaration.flows();
    }

    public String fallback() {
        return declaration.fallback();
    }
}
