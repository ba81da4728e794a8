package io.agenthub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.capability.BatchScorer;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.CascadeAnswer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Score a JSONL file with a capability's in-process tiers.",
                "Input lines {\"id\",\"text\"}; output lines {\"id\",\"label\",\"confidence\",\"tier\",\"escalate\"},",
                "escalate=true when no in-process tier cleared its threshold (the hub would ask the LLM tier or people)."})
final class PredictCommand implements Callable<Integer> {

    @Mixin
    CapabilityFiles files;

    @Option(names = "--concurrency", defaultValue = "32", description = "Requests in flight, so encoders batch (default: ${DEFAULT-VALUE}).")
    int concurrency;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        List<TextLines.Line> inputs = TextLines.read(files.in, json);
        try (CapabilityRegistry registry = LocalCapabilities.load(files.processorsDir, files.modelsDir, files.capability)) {
            List<CascadeAnswer> answers = BatchScorer.scoreAll(registry.get(files.capability),
                    inputs.stream().map(TextLines.Line::text).toList(), concurrency);
            try (BufferedWriter writer = Files.newBufferedWriter(files.out, StandardCharsets.UTF_8)) {
                for (int i = 0; i < inputs.size(); i++) {
                    CascadeAnswer a = answers.get(i);
                    ObjectNode line = json.createObjectNode().put("id", inputs.get(i).id()).put("label", a.label())
                            .put("confidence", round(a.confidence())).put("tier", a.tier()).put("escalate", a.escalated());
                    writer.write(json.writeValueAsString(line));
                    writer.newLine();
                }
            }
            long escalated = answers.stream().filter(CascadeAnswer::escalated).count();
            System.err.printf("Scored %d requests; %d escalated (%.1f%%)%n", answers.size(), escalated,
                    answers.isEmpty() ? 0.0 : 100.0 * escalated / answers.size());
        }
        return 0;
    }

    private static double round(double p) {
        return Math.round(p * 1e6) / 1e6;
    }
}
