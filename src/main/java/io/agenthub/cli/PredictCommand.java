package io.agenthub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.api.HubRequest;
import io.agenthub.app.JsonMapper;
import io.agenthub.capability.BatchScorer;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.pii.PiiSettings;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.OnnxEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Score a JSONL file with a capability's in-process tiers.",
                "Input lines {\"id\",\"text\"}; output lines {\"id\",\"label\",\"confidence\",\"tier\",\"escalate\"},",
                "escalate=true when no in-process tier cleared its threshold (the hub would ask the LLM tier or people).",
                "With --pseudonymise each text is first pseudonymised as the hub's front door does (compliance/pii.yaml),",
                "so the models see <PERSON_1> where the hub's would; nothing is stored."})
final class PredictCommand implements Callable<Integer> {

    @Mixin
    CapabilityFiles files;

    @Option(names = "--concurrency", defaultValue = "32", description = "Requests in flight, so encoders batch (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--pseudonymise", description = "Replace personal data by tokens first, with the hub's own detector and"
            + " compliance/pii.yaml, as the front door does before any model sees a request; tokens are numbered within"
            + " each text and no value is stored.")
    boolean pseudonymise;

    @Option(names = "--tenant", paramLabel = "T", description = "With --pseudonymise: the tenant the requests come from.")
    String tenant;

    @Option(names = "--compliance-dir", defaultValue = "compliance",
            description = "With --pseudonymise: holds pii.yaml (default: ${DEFAULT-VALUE}).")
    Path complianceDir;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        if (tenant != null && !pseudonymise) {
            throw new IllegalArgumentException("--tenant only applies with --pseudonymise");
        }
        List<TextLines.Line> inputs = TextLines.read(files.in, json);
        try (CapabilityRegistry registry = LocalCapabilities.load(files.processorsDir, files.modelsDir, files.capability)) {
            List<String> texts = inputs.stream().map(TextLines.Line::text).toList();
            if (pseudonymise) {
                Pseudonymiser guard = frontDoorGuard(registry);
                texts = texts.stream().map(text -> guard.redactUnstored(
                        new HubRequest(tenant, "predict", null, text, null, null)).request().text()).toList();
            }
            List<CascadeAnswer> answers = BatchScorer.scoreAll(registry.get(files.capability), texts, concurrency);
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
            System.err.printf("Scored %d requests%s; %d escalated (%.1f%%)%n", answers.size(),
                    pseudonymise ? " (pseudonymised)" : "", escalated,
                    answers.isEmpty() ? 0.0 : 100.0 * escalated / answers.size());
        }
        return 0;
    }

    /**
     * The front door's detector and treatments from {@code compliance/pii.yaml}, its tagger (if the file names one)
     * running on the same shared encoders as the capability's models.
     */
    private Pseudonymiser frontDoorGuard(CapabilityRegistry registry) throws IOException {
        Path file = complianceDir.resolve("pii.yaml");
        if (!Files.isReadable(file)) {
            throw new IOException("no " + file + ": run from the hub's folder or pass --compliance-dir");
        }
        PiiSettings settings;
        try (InputStream in = Files.newInputStream(file)) {
            settings = PiiSettings.read(in, file.toString());
        }
        return Pseudonymiser.unstored(settings.detector(model -> IntentModel.VersionFiles.in(files.modelsDir.resolve(model)),
                JsonMapper.create(), id -> (OnnxEncoder) registry.encoders().catalog().get(id)), settings::treatment);
    }

    private static double round(double p) {
        return Math.round(p * 1e6) / 1e6;
    }
}
