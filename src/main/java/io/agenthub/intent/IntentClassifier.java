package io.agenthub.intent;

/**
 * The front door's intent capability. Implementations range from rules to in-process encoders with
 * trained heads; routes and tests depend only on this interface.
 */
public interface IntentClassifier {

    IntentPrediction classify(String text);
}
