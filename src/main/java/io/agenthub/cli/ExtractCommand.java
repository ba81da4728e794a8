package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.app.JsonMapper;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.TierKind;
import io.agenthub.extract.ExtractionAnswer;
import io.agenthub.extract.ExtractionCascade;
import io.agenthub.extract.ExtractionRegistry;
import io.agenthub.extract.ExtractionRequest;
import io.agenthub.extract.PromptRedaction;
import io.agenthub.extract.TokenEncoders;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.IntentModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extract a capability's fields from a JSONL file, through its tiers (processors/<id>.yaml).",
                "Input lines {\"id\",\"text\",\"referenceTime\"?}; output lines {\"id\",\"slots\":{\"<name>\":{\"text\",\"value\"}},\"valid\",\"tier\"}.",
                "referenceTime (ISO 8601, e.g. 2022-03-15T09:00:00) is when relative dates count from; without it, now.",
                "valid=false and tier=people when no tier gave a schema-valid answer (with its \"errors\")."})
final class ExtractCommand implements Callable<Integer> {

    @Mixin
    CapabilityFiles files;

    @Option(names = "--compliance-dir", defaultValue = "compliance",
            description = "Holds pii.yaml: how request texts are redacted before an enabled LLM tier's prompt (default: ${DEFAULT-VALUE}).")
    Path complianceDir;

    private final ObjectMapper json = JsonMapper.create();

    @Override
    public Integer call() throws Exception {
        List<ExtractionRequest> requests = read(files.in);
        CapabilityDeclaration declaration = LocalCapabilities.declaration(files.processorsDir, files.capability);
        if (declaration.task() != CapabilityDeclaration.Task.EXTRACT) {
            throw new IllegalArgumentException(files.capability + " classifies (task: classify); use predict for it, extract is for task: extract");
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        boolean generative = declaration.tiers().stream().anyMatch(t -> t.kind() == TierKind.LLM && t.isEnabled());
        try (EncoderCatalog catalog = new EncoderCatalog()) {
            PromptRedaction redaction = generative ? redaction(catalog) : PromptRedaction.NONE;
            ExtractionCascade cascade = ExtractionRegistry.build(List.of(declaration),
                    (cap, version) -> IntentModel.VersionFiles.in(files.modelsDir.resolve(cap).resolve(version)), json, meters,
                    LocalCapabilities.llmTiers(), redaction, TokenEncoders.of(catalog)).get(files.capability);
            int valid = 0;
            try (BufferedWriter writer = Files.newBufferedWriter(files.out, StandardCharsets.UTF_8)) {
                for (ExtractionRequest request : requests) {
                    ExtractionAnswer answer = cascade.extract(request);
                    valid += answer.valid() ? 1 : 0;
                    writer.write(json.writeValueAsString(line(answer)));
                    writer.newLine();
                }
            }
            System.err.printf("Extracted %d requests with %s: %d valid, %d for people%n", requests.size(), files.capability, valid,
                    requests.size() - valid);
            cascade.validity().forEach((tier, v) -> System.err.printf("  tier %-12s schema-valid %d of %d (%.1f%%)%n",
                    tier, v.valid(), v.answers(), 100.0 * v.rate()));
        }
        return 0;
    }

    private ObjectNode line(ExtractionAnswer answer) {
        ObjectNode line = json.createObjectNode().put("id", answer.id());
        line.set("slots", answer.slots() == null ? json.createObjectNode() : answer.slots());
        line.put("valid", answer.valid()).put("tier", answer.tier());
        if (!answer.valid()) {
            var errors = line.putArray("errors");
            answer.attempts().forEach(a -> a.errors().forEach(e -> errors.add(a.tier() + ": " + e)));
        }
        return line;
    }

    private PromptRedaction redaction(EncoderCatalog catalog) throws IOException {
        PiiCommand.Folders folders = new PiiCommand.Folders();
        folders.complianceDir = complianceDir;
        folders.modelsDir = files.modelsDir;
        var detector = folders.detector(catalog);
        return new PromptRedaction(detector::detect);
    }

    private List<ExtractionRequest> read(Path file) throws IOException {
        LocalDateTime now = LocalDateTime.now();
        List<ExtractionRequest> requests = new ArrayList<>();
        for (TextLines.Line line : TextLines.read(file, json)) {
            requests.add(new ExtractionRequest(line.id(), line.text(), referenceTime(line.node().get("referenceTime"), now, file, line.number())));
        }
        return requests;
    }

    private static LocalDateTime referenceTime(JsonNode value, LocalDateTime now, Path file, int number) throws IOException {
        if (value == null || value.isNull()) {
            return now;
        }
        String text = value.asText();
        try {
            return text.length() > 19 && (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$"))
                    ? OffsetDateTime.parse(text).toLocalDateTime() : LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IOException(file + " line " + number + ": referenceTime '" + text
                    + "' is not an ISO 8601 date-time such as 2022-03-15T09:00:00");
        }
    }
}
