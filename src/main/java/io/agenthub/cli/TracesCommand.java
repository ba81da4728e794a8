package io.agenthub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.app.JsonMapper;
import io.agenthub.store.Database;
import io.agenthub.store.GoldenExamples;
import io.agenthub.store.TextErasure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "traces", mixinStandardHelpOptions = true,
        description = "What people decided in the hub (golden examples), as training data for the learning loop.",
        subcommands = {TracesCommand.Export.class})
final class TracesCommand {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a capability's golden examples (reviewers' intents, out-of-scope marks, upheld and",
                    "overturned decisions) as JSON Lines {\"text\", \"label\"}, the texts pseudonymised, which `train --data`",
                    "reads. Of several decisions on one request the last counts; examples without a label (answered in",
                    "words, an approval's edit or denial) or whose text was erased are left out, and counted."})
    static final class Export implements Callable<Integer> {
        @Mixin
        HubData data;

        @Option(names = "--capability", required = true, paramLabel = "ID",
                description = "The capability, as processors/<ID>.yaml declares it (e.g. banking77-intent).")
        String capability;

        @Option(names = "--out", required = true, paramLabel = "F.jsonl", description = "The file to write (.jsonl).")
        Path out;

        @Option(names = "--force", description = "Overwrite the file when it exists.")
        boolean force;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".jsonl") && !name.endsWith(".ndjson")) {
                throw new ParameterException(spec.commandLine(), "--out must name a .jsonl file, as train reads them");
            }
            if (Files.exists(out) && !force) {
                throw new IllegalArgumentException(out + " exists; pass --force to overwrite it");
            }
            List<GoldenExamples.Example> examples;
            Database database = data.open(data.settings());
            try {
                examples = new GoldenExamples(database.dataSource(), JsonMapper.create(), Clock.systemUTC()).of(capability);
            } finally {
                database.stop();
            }
            Selection selection = Selection.of(examples);
            if (selection.lines().isEmpty()) {
                throw new IllegalArgumentException("no labelled examples of " + capability + " to export ("
                        + selection.skipped() + "); nothing written");
            }
            write(selection.lines());
            spec.commandLine().getOut().printf("Wrote %d examples of %s to %s; left out %s.%n", selection.lines().size(),
                    capability, out, selection.skipped());
            return 0;
        }

        /** Written whole beside the target, then moved over it, so a reader never finds half a file. */
        private void write(List<Map<String, String>> lines) throws IOException {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path part = Files.createTempFile(dir, out.getFileName().toString(), ".part");
            try {
                ObjectMapper json = new ObjectMapper();
                try (Writer writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                    for (Map<String, String> line : lines) {
                        writer.write(json.writeValueAsString(line));
                        writer.write('\n');
                    }
                }
                Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        }
    }

    /**
     * Which examples become training lines: of several decisions on one request (a referral resolved, then its decision
     * contested and overturned) the last, as the request's last word; of those, the ones with a label and a text.
     */
    record Selection(List<Map<String, String>> lines, int superseded, int withoutLabel, int erased) {

        static Selection of(List<GoldenExamples.Example> oldestFirst) {
            Map<String, GoldenExamples.Example> lastByRequest = new LinkedHashMap<>();
            List<GoldenExamples.Example> kept = new ArrayList<>();
            for (GoldenExamples.Example example : oldestFirst) {
                if (example.requestId() == null) {
                    kept.add(example);
                } else {
                    lastByRequest.remove(example.requestId());
                    lastByRequest.put(example.requestId(), example);
                }
            }
            kept.addAll(lastByRequest.values());
            kept.sort((a, b) -> Long.compare(a.exampleId(), b.exampleId()));
            int withoutLabel = 0;
            int erased = 0;
            List<Map<String, String>> lines = new ArrayList<>();
            for (GoldenExamples.Example example : kept) {
                if (example.label() == null || example.label().isBlank()) {
                    withoutLabel++;
                } else if (example.text() == null || example.text().isBlank() || example.text().equals(TextErasure.ERASED_TEXT)) {
                    erased++;
                } else {
                    Map<String, String> line = new LinkedHashMap<>();
                    line.put("text", example.text());
                    line.put("label", example.label());
                    lines.add(line);
                }
            }
            return new Selection(List.copyOf(lines), oldestFirst.size() - kept.size(), withoutLabel, erased);
        }

        String skipped() {
            return withoutLabel + " without a label, " + erased + " whose text was erased, " + superseded
                    + " replaced by a later decision on the same request";
        }
    }
}
