package io.agenthub.intent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Interim front-door classifier: ordered regular-expression rules from {@code processors/}.
 * It stands behind {@link IntentClassifier} until trained heads on in-process encoders replace it;
 * its confidence is the rule's declared confidence, not a calibrated probability.
 */
public final class KeywordIntentClassifier implements IntentClassifier {

    public record Rule(String intent, List<String> patterns) {
    }

    public record Declaration(String capability, String classifier, String version, double confidence, List<Rule> rules) {
    }

    private record CompiledRule(String intent, List<Pattern> patterns) {
    }

    private final Declaration declaration;
    private final List<CompiledRule> rules;

    public KeywordIntentClassifier(Declaration declaration) {
        this.declaration = declaration;
        this.rules = declaration.rules().stream()
                .map(r -> new CompiledRule(r.intent(), r.patterns().stream()
                        .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                        .toList()))
                .toList();
    }

    public static KeywordIntentClassifier fromYaml(InputStream yaml) throws IOException {
        Declaration d = new ObjectMapper(new YAMLFactory()).readValue(yaml, Declaration.class);
        if (!"keyword-rules".equals(d.classifier())) {
            throw new IllegalArgumentException("capability " + d.capability() + " declares classifier '"
                    + d.classifier() + "'; this build serves 'keyword-rules'");
        }
        if (d.rules() == null || d.rules().isEmpty()) {
            throw new IllegalArgumentException("capability " + d.capability() + " declares no rules");
        }
        return new KeywordIntentClassifier(d);
    }

    @Override
    public IntentPrediction classify(String text) {
        for (CompiledRule rule : rules) {
            if (rule.patterns().stream().anyMatch(p -> p.matcher(text).find())) {
                return prediction(rule.intent(), declaration.confidence());
            }
        }
        return prediction(IntentPrediction.UNKNOWN, 0.0);
    }

    private IntentPrediction prediction(String label, double confidence) {
        return new IntentPrediction(label, confidence, declaration.capability() + "/" + declaration.classifier(),
                declaration.version());
    }
}
