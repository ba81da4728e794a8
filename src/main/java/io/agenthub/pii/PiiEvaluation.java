package io.agenthub.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.PiiType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores a detector on labelled texts in Presidio's synthetic-data format ({@code full_text}, {@code spans}
 * with {@code entity_type}, {@code start_position}, {@code end_position} in code points). A labelled span
 * is found when a predicted span of its type overlaps at least half of it; a prediction is right when it
 * finds some labelled span so. Labelled and predicted types other than the built-in {@link PiiType}s are ignored.
 */
public final class PiiEvaluation {

    /** A labelled span of any type, [start, end) in UTF-16 units; types outside {@link PiiType} are kept for taggers. */
    public record Label(String type, int start, int end) {
    }

    public record Example(String text, List<Label> labels) {
        /** The labels of the listed personal-data types, as spans. */
        public List<PiiSpan> spans() {
            return spans(BUILT_IN);
        }

        /** The labels of these kinds, as spans (a custom recogniser's kind is judged when the detector has it). */
        public List<PiiSpan> spans(Set<PiiType> judged) {
            List<PiiSpan> spans = new ArrayList<>();
            for (Label label : labels) {
                if (PiiType.isTypeName(label.type()) && judged.contains(PiiType.valueOf(label.type()))) {
                    spans.add(new PiiSpan(PiiType.valueOf(label.type()), label.start(), label.end(), 1.0, "label"));
                }
            }
            return spans;
        }
    }

    /** What a detector found in texts that hold no personal data: every span is a false alarm. */
    public record FalseAlarms(int texts, int textsWithSpans, Map<PiiType, Integer> spansByType) {
        public int spans() {
            return spansByType.values().stream().mapToInt(Integer::intValue).sum();
        }

        public double perThousandTexts() {
            return texts == 0 ? Double.NaN : 1000.0 * spans() / texts;
        }
    }

    private static final Set<PiiType> BUILT_IN = Set.of(PiiType.values());

    /** Counts for one type: labelled spans found, labelled spans, predictions that found one, predictions. */
    public record Counts(int found, int labelled, int right, int predicted) {
        public double recall() {
            return labelled == 0 ? Double.NaN : (double) found / labelled;
        }

        public double precision() {
            return predicted == 0 ? Double.NaN : (double) right / predicted;
        }

        public double f(double beta) {
            double p = precision();
            double r = recall();
            if (Double.isNaN(p) || Double.isNaN(r) || p + r == 0) {
                return 0;
            }
            double b2 = beta * beta;
            return (1 + b2) * p * r / (b2 * p + r);
        }

        Counts plus(Counts o) {
            return new Counts(found + o.found, labelled + o.labelled, right + o.right, predicted + o.predicted);
        }
    }

    public record Result(Map<PiiType, Counts> byType, Counts overall) {
    }

    private PiiEvaluation() {
    }

    /**
     * Labelled texts: a JSON array of Presidio's records ({@code .json}, as Presidio ships them), or one record per
     * line ({@code .jsonl}).
     */
    public static List<Example> readPresidio(Path file, ObjectMapper json) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (file.getFileName().toString().endsWith(".jsonl")) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    records.add(record(json, lines.get(i), file + " line " + (i + 1)));
                }
            }
        } else {
            JsonNode all = json.readTree(file.toFile());
            if (all == null || !all.isArray()) {
                throw new IOException(file + ": expected a JSON array of records {full_text, spans} (or a .jsonl file, one per line)");
            }
            all.forEach(records::add);
        }
        List<Example> examples = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.path("full_text").isTextual()) {
                throw new IOException(file + ": a record without full_text");
            }
            String text = record.path("full_text").asText();
            List<Label> labels = new ArrayList<>();
            for (JsonNode span : record.path("spans")) {
                // Presidio counts code points (Python strings); Java strings count UTF-16 units.
                int codePoints = text.codePointCount(0, text.length());
                int from = span.path("start_position").asInt(-1);
                int to = span.path("end_position").asInt(-1);
                if (from < 0 || to > codePoints || from > to) {
                    throw new IOException(file + ": a span [" + from + ", " + to + ") outside its text of " + codePoints + " characters");
                }
                int start = text.offsetByCodePoints(0, from);
                int end = text.offsetByCodePoints(0, to);
                if (end > start) {
                    labels.add(new Label(span.path("entity_type").asText(), start, end));
                }
            }
            examples.add(new Example(text, labels));
        }
        return examples;
    }

    private static JsonNode record(ObjectMapper json, String line, String where) throws IOException {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new IOException(where + ": not JSON");
        }
    }

    /** Scores the built-in kinds. */
    public static Result score(PiiDetector detector, List<Example> examples) {
        return score(detector, examples, BUILT_IN);
    }

    /** Scores the kinds {@code judged}: the built-in ones and the custom recognisers' the detector has. */
    public static Result score(PiiDetector detector, List<Example> examples, Set<PiiType> judged) {
        Map<PiiType, Counts> byType = new TreeMap<>();
        for (PiiType type : PiiType.values()) {
            byType.put(type, new Counts(0, 0, 0, 0));
        }
        for (Example example : examples) {
            List<PiiSpan> predicted = detector.detect(example.text());
            List<PiiSpan> labelled = example.spans(judged);
            for (PiiSpan gold : labelled) {
                boolean found = predicted.stream().anyMatch(p -> matches(p, gold));
                byType.merge(gold.type(), new Counts(found ? 1 : 0, 1, 0, 0), Counts::plus);
            }
            for (PiiSpan p : predicted) {
                if (!judged.contains(p.type())) {
                    continue;  // a custom recogniser's kind (compliance/pii.yaml) this data has no labels for
                }
                boolean right = labelled.stream().anyMatch(gold -> matches(p, gold));
                byType.merge(p.type(), new Counts(0, 0, right ? 1 : 0, 1), Counts::plus);
            }
        }
        Counts overall = byType.values().stream().reduce(new Counts(0, 0, 0, 0), Counts::plus);
        return new Result(byType, overall);
    }

    /** Every span found in texts that hold no personal data. */
    public static FalseAlarms falseAlarms(PiiDetector detector, List<String> texts) {
        Map<PiiType, Integer> byType = new TreeMap<>();
        int withSpans = 0;
        for (String text : texts) {
            List<PiiSpan> found = detector.detect(text);
            found.forEach(span -> byType.merge(span.type(), 1, Integer::sum));
            withSpans += found.isEmpty() ? 0 : 1;
        }
        return new FalseAlarms(texts.size(), withSpans, byType);
    }

    /** Up to {@code limit} spans found in texts that hold no personal data, in context. */
    public static void printFalseAlarms(PiiDetector detector, List<String> texts, int limit, PrintStream out) {
        int shown = 0;
        for (String text : texts) {
            for (PiiSpan span : detector.detect(text)) {
                if (shown++ >= limit) {
                    return;
                }
                out.printf("wrong  %-16s %s (%s)%n", span.type(), excerpt(text, span), span.recognizer());
            }
        }
    }

    static boolean matches(PiiSpan predicted, PiiSpan gold) {
        int overlap = Math.min(predicted.end(), gold.end()) - Math.max(predicted.start(), gold.start());
        return predicted.type() == gold.type() && overlap * 2 >= gold.length();
    }

    /** Up to {@code limit} missed labelled spans and wrong predictions, each with a little of its context. */
    public static void printMistakes(PiiDetector detector, List<Example> examples, int limit, PrintStream out) {
        printMistakes(detector, examples, BUILT_IN, limit, out);
    }

    /** Up to {@code limit} missed labelled spans and wrong predictions of the kinds judged, each in context. */
    public static void printMistakes(PiiDetector detector, List<Example> examples, Set<PiiType> judged, int limit, PrintStream out) {
        int missed = 0;
        int wrong = 0;
        for (Example example : examples) {
            List<PiiSpan> predicted = detector.detect(example.text()).stream().filter(p -> judged.contains(p.type())).toList();
            List<PiiSpan> labelled = example.spans(judged);
            for (PiiSpan gold : labelled) {
                if (missed < limit && predicted.stream().noneMatch(p -> matches(p, gold))) {
                    out.printf("missed %-16s %s%n", gold.type(), excerpt(example.text(), gold));
                    missed++;
                }
            }
            for (PiiSpan p : predicted) {
                if (wrong < limit && labelled.stream().noneMatch(gold -> matches(p, gold))) {
                    out.printf("wrong  %-16s %s (%s)%n", p.type(), excerpt(example.text(), p), p.recognizer());
                    wrong++;
                }
            }
        }
    }

    private static String excerpt(String text, PiiSpan span) {
        String before = text.substring(Math.max(0, span.start() - 25), span.start());
        String after = text.substring(span.end(), Math.min(text.length(), span.end() + 15));
        return (before + "[[" + text.substring(span.start(), span.end()) + "]]" + after).replace("\n", "\\n");
    }

    public static void print(FalseAlarms alarms, PrintStream out) {
        out.printf("%d texts, %d spans found (%.1f per 1,000 texts), in %d texts%n", alarms.texts(), alarms.spans(),
                alarms.perThousandTexts(), alarms.textsWithSpans());
        alarms.spansByType().forEach((type, n) -> out.printf("  %-18s %d%n", type, n));
    }

    public static void print(Result result, PrintStream out) {
        out.printf("| %-18s | %8s | %9s | %9s | %6s | %6s |%n", "type", "labelled", "recall", "precision", "F2", "found");
        out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(20), "-".repeat(10), "-".repeat(11), "-".repeat(11), "-".repeat(8), "-".repeat(8));
        result.byType().forEach((type, c) -> {
            if (c.labelled() > 0 || c.predicted() > 0) {
                out.printf("| %-18s | %8d | %9.3f | %9.3f | %6.3f | %6d |%n", type, c.labelled(), c.recall(), c.precision(), c.f(2), c.predicted());
            }
        });
        Counts all = result.overall();
        out.printf("| %-18s | %8d | %9.3f | %9.3f | %6.3f | %6d |%n", "all listed types", all.labelled(), all.recall(),
                all.precision(), all.f(2), all.predicted());
    }
}
