package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.app.JsonMapper;
import io.agenthub.pii.NameGazetteer;
import io.agenthub.pii.PiiDetector;
import io.agenthub.pii.PiiEvaluation;
import io.agenthub.pii.PiiSettings;
import io.agenthub.pii.PiiSpan;
import io.agenthub.pii.Recognizer;
import io.agenthub.pii.TaggerGate;
import io.agenthub.pii.TaggerTraining;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.LabelledData;
import io.agenthub.slm.OnnxEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "pii", mixinStandardHelpOptions = true,
        description = "Find personal data in your own files, and measure how well it is found.",
        subcommands = {PiiCommand.Scan.class, PiiCommand.Eval.class, PiiCommand.Train.class, PiiCommand.CommonWords.class,
                PiiCommand.Names.class})
final class PiiCommand {

    /** Where the detection settings and the tagger live: the hub's compliance/ and models/ folders. */
    static final class Folders {
        @Option(names = "--compliance-dir", defaultValue = "compliance", description = "Holds pii.yaml (default: ${DEFAULT-VALUE}).")
        Path complianceDir;

        @Option(names = "--models-dir", defaultValue = "models", description = "Holds the tagger (default: ${DEFAULT-VALUE}).")
        Path modelsDir;

        PiiSettings settings() throws IOException {
            Path file = complianceDir.resolve("pii.yaml");
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("no " + file + ": run from the hub's folder or pass --compliance-dir");
            }
            try (var in = Files.newInputStream(file)) {
                return PiiSettings.read(in, file.toString());
            }
        }

        PiiDetector detector(EncoderCatalog catalog) throws IOException {
            return settings().detector(this::versionFiles, JsonMapper.create(), id -> (OnnxEncoder) catalog.get(id));
        }

        IntentModel.VersionFiles versionFiles(String model) {
            return IntentModel.VersionFiles.in(modelsDir.resolve(model));
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = {"Input lines {\"id\",\"text\"}; output lines {\"id\",\"spans\":[{\"type\",\"start\",\"end\"}]},",
                    "types as Presidio names them, offsets in UTF-16 code units, end exclusive."})
    static final class Scan implements Callable<Integer> {
        @Mixin
        Folders folders;

        @Option(names = "--in", required = true, paramLabel = "IN.jsonl", description = "The texts, JSON lines {\"id\",\"text\"}.")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "OUT.jsonl", description = "Where the spans go, one JSON line per input line, in order.")
        Path out;

        @Override
        public Integer call() throws IOException {
            ObjectMapper json = new ObjectMapper();
            if (!Files.isReadable(in)) {
                throw new IllegalArgumentException("--in " + in + " cannot be read");
            }
            try (EncoderCatalog catalog = new EncoderCatalog();
                 BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
                 BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                PiiDetector detector = folders.detector(catalog);
                String line;
                int number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode input = readLine(json, line, number);
                    ObjectNode result = json.createObjectNode();
                    result.set("id", input.get("id"));
                    ArrayNode spans = result.putArray("spans");
                    for (PiiSpan span : detector.detect(input.get("text").asText())) {
                        spans.addObject().put("type", span.type().name()).put("start", span.start()).put("end", span.end());
                    }
                    writer.write(json.writeValueAsString(result));
                    writer.newLine();
                }
            }
            return 0;
        }

        private JsonNode readLine(ObjectMapper json, String line, int number) {
            JsonNode input;
            try {
                input = json.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException(in + " line " + number + ": not JSON");
            }
            if (input == null || !input.isObject() || !input.has("id") || !input.path("text").isTextual()) {
                throw new IllegalArgumentException(in + " line " + number + ": expected {\"id\", \"text\"} with text a string");
            }
            return input;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = {"Recall, precision and F2 per type on labelled data in Presidio's synthetic format",
                    "(a labelled span is found when a span of its type overlaps at least half of it);",
                    "with --clean, the spans found in texts that hold no personal data (false alarms per 1,000 texts)."})
    static final class Eval implements Callable<Integer> {
        static final Path DEFAULT_DATA = Path.of("datasets/presidio-synth/synth_pii_part1.json");

        @Spec
        CommandSpec spec;

        @Mixin
        Folders folders;

        @Option(names = "--data", paramLabel = "FILE",
                description = "Labelled texts: Presidio's records as a JSON array (.json) or one per line (.jsonl)"
                        + " (default: datasets/presidio-synth/synth_pii_part1.json, unless only --clean is given).")
        Path data;

        @Option(names = "--clean", arity = "1..*", paramLabel = "FILE",
                description = "Texts that hold no personal data (CSV text,label; JSONL {\"text\"}; or Presidio records"
                        + " .json/.jsonl, whose labels must then be empty): every span found is a false alarm.")
        List<Path> clean = List.of();

        @Option(names = "--mistakes", defaultValue = "0", paramLabel = "N",
                description = "Also print up to N missed spans and N wrong predictions, in context.")
        int mistakes;

        @Override
        public Integer call() throws IOException {
            Path labelled = data == null && clean.isEmpty() ? DEFAULT_DATA : data;
            for (Path file : labelled == null ? clean : concat(labelled, clean)) {
                if (!Files.isReadable(file)) {
                    throw new IllegalArgumentException((file == labelled ? "--data " : "--clean ") + file + " cannot be read");
                }
            }
            PiiSettings settings = folders.settings();
            // printed through picocli's writer (the terminal, or a test's), a table at a time
            PrintWriter terminal = spec.commandLine().getOut();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
            try (EncoderCatalog catalog = new EncoderCatalog()) {
                PiiDetector detector = folders.detector(catalog);
                if (labelled != null) {
                    List<PiiEvaluation.Example> examples = PiiEvaluation.readPresidio(labelled, new ObjectMapper());
                    out.printf("%s: %d texts%n%n", labelled, examples.size());
                    PiiEvaluation.print(PiiEvaluation.score(detector, examples, settings.types()), out);
                    if (mistakes > 0) {
                        out.println();
                        PiiEvaluation.printMistakes(detector, examples, settings.types(), mistakes, out);
                    }
                    flush(buffer, terminal);
                }
                if (!clean.isEmpty()) {
                    List<String> texts = cleanTexts(clean);
                    out.printf("%nTexts without personal data, %s:%n", clean);
                    PiiEvaluation.print(PiiEvaluation.falseAlarms(detector, texts), out);
                    if (mistakes > 0) {
                        PiiEvaluation.printFalseAlarms(detector, texts, mistakes, out);
                    }
                    flush(buffer, terminal);
                }
            }
            return 0;
        }

        private static void flush(ByteArrayOutputStream buffer, PrintWriter terminal) {
            terminal.print(buffer.toString(StandardCharsets.UTF_8));
            terminal.flush();
            buffer.reset();
        }

        private static List<Path> concat(Path first, List<Path> rest) {
            List<Path> all = new java.util.ArrayList<>(List.of(first));
            all.addAll(rest);
            return all;
        }

        /** Intent data (CSV, JSONL {"text"}) as it is; Presidio records only when none is labelled. */
        private static List<String> cleanTexts(List<Path> files) throws IOException {
            List<String> texts = new java.util.ArrayList<>();
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean presidio = name.endsWith(".json") || (name.endsWith(".jsonl") && firstLineHas(file, "full_text"));
                if (!presidio) {
                    texts.addAll(LabelledData.read(List.of(file)).texts());
                    continue;
                }
                for (PiiEvaluation.Example example : PiiEvaluation.readPresidio(file, new ObjectMapper())) {
                    if (!example.labels().isEmpty()) {
                        throw new IllegalArgumentException("--clean " + file + " has labelled personal data; pass it as --data");
                    }
                    texts.add(example.text());
                }
            }
            return texts;
        }

        private static boolean firstLineHas(Path file, String field) throws IOException {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        return line.contains("\"" + field + "\"");
                    }
                }
            }
            return false;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train the tagger for names, street addresses and postal codes on labelled texts in Presidio's",
                    "synthetic format; cross-validates the whole detector first, then writes models/<model>/vN/."})
    static final class Train implements Callable<Integer> {
        @Mixin
        Folders folders;

        @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE", description = "Labelled texts.")
        List<Path> data;

        @Option(names = "--model", defaultValue = "pii-tagger", description = "Folder under --models-dir (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--encoder", defaultValue = "all-minilm-l6-v2-l3", description = "In-process encoder (default: ${DEFAULT-VALUE}).")
        String encoder;

        @Option(names = "--l2", defaultValue = "0.00001", description = "L2 on the mean loss (default: ${DEFAULT-VALUE}).")
        double l2;

        @Option(names = "--copies", defaultValue = "4",
                description = "Value-swapped copies of each training text to add (default: ${DEFAULT-VALUE}).")
        int copies;

        @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--seed", defaultValue = "7", description = "Seed of the fold assignment (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--names", paramLabel = "FILE",
                description = "Known first names and surnames the tagger reads as features (agent-hub pii names), e.g. models/pii-tagger/names.txt.")
        Path names;

        @Option(names = "--citation", defaultValue = "", description = "Where the data comes from, for the model card.")
        String citation;

        @Override
        public Integer call() throws IOException {
            for (Path file : data) {
                if (!Files.isReadable(file)) {
                    throw new IllegalArgumentException("--data " + file + " cannot be read");
                }
            }
            if (folds < 2) {
                throw new IllegalArgumentException("--folds must be at least 2");
            }
            if (names != null && !Files.isReadable(names)) {
                throw new IllegalArgumentException("--names " + names + " cannot be read");
            }
            PiiSettings settings = folders.settings();
            settings.detector(Recognizer.NONE, folders::versionFiles);  // a missing gate word list is named now, not after the training
            NameGazetteer gazetteer = NameGazetteer.NONE;
            if (names != null) {
                try (var in = Files.newInputStream(names)) {
                    gazetteer = NameGazetteer.read(in);
                }
            }
            try (EncoderCatalog catalog = new EncoderCatalog()) {
                if (!(catalog.get(encoder) instanceof OnnxEncoder onnx)) {
                    throw new IllegalArgumentException("--encoder " + encoder + " cannot tag tokens");
                }
                new TaggerTraining(JsonMapper.create(), Clock.systemUTC(), System.out).train(onnx, data, citation,
                        folders.modelsDir.resolve(model), l2, copies, folds, seed, gazetteer,
                        tagger -> {
                            try {
                                return settings.detector(tagger, folders::versionFiles);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
            }
            return 0;
        }
    }

    @Command(name = "common-words", mixinStandardHelpOptions = true,
            description = {"Write the tagger gate's list of common words: the words seen at least --min-count times, not capitalised,",
                    "in ordinary requests. The tagger then runs only on texts with a digit, a framing word or a word not on it."})
    static final class CommonWords implements Callable<Integer> {
        @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE",
                description = "Requests without personal data (CSV text,label or JSONL), e.g. the intent training sets.")
        List<Path> data;

        @Option(names = "--min-count", defaultValue = "2", description = "Times a word must be seen (default: ${DEFAULT-VALUE}).")
        int minCount;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the list, e.g. models/pii-tagger/common-words.txt.")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (minCount < 1) {
                throw new IllegalArgumentException("--min-count must be at least 1");
            }
            List<String> texts = LabelledData.read(data).texts();
            TaggerGate gate = TaggerGate.learn(texts, minCount);
            gate.write(out, "Common words for the PII tagger's gate (compliance/pii.yaml, taggerGate): words seen, not capitalised, at least "
                    + minCount + " times in\n" + String.join(", ", data.stream().map(Path::toString).toList()) + " (" + texts.size()
                    + " texts). Written by `agent-hub pii common-words`.");
            System.out.printf("Wrote %s: %d common words from %d texts%n", out, gate.size(), texts.size());
            return 0;
        }
    }

    @Command(name = "names", mixinStandardHelpOptions = true,
            description = {"Write the tagger's list of known first names and surnames: those of every locale in Datafaker's data",
                    "(Apache-2.0), lower-cased, without the common words of ordinary requests (\"Will\", \"May\")."})
    static final class Names implements Callable<Integer> {
        @Option(names = "--common-words", required = true, paramLabel = "FILE",
                description = "Words left out (agent-hub pii common-words), e.g. models/pii-tagger/common-words.txt.")
        Path commonWords;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the list, e.g. models/pii-tagger/names.txt.")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (!Files.isReadable(commonWords)) {
                throw new IllegalArgumentException("--common-words " + commonWords + " cannot be read");
            }
            TaggerGate common;
            try (var in = Files.newInputStream(commonWords)) {
                common = TaggerGate.read(in);
            }
            NameGazetteer names = NameGazetteer.fromDatafaker(common::isCommon);
            names.write(out, "Known first names (F) and surnames (L) for the PII tagger: every locale's name lists in Datafaker "
                    + net.datafaker.Faker.class.getPackage().getImplementationVersion() + " (Apache-2.0),\nlower-cased, without the words in "
                    + commonWords + ". Written by `agent-hub pii names`.");
            System.out.printf("Wrote %s: %d names%n", out, names.size());
            return 0;
        }
    }
}
