package io.agenthub.intent;

/**
 * A classifier's answer: the intent label, its confidence in [0, 1], and which model version gave it
 * (recorded with every request so a decision can be traced to the model that made it).
 */
public record IntentPrediction(String label, double confidence, String model, String version) {

    public static final String UNKNOWN = "unknown";
}
