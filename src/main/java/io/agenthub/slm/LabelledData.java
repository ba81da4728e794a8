package io.agenthub.slm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Labelled examples read from CSV (a header row; the text column is {@code text}, the label column
 * {@code label} or {@code category}) or JSON Lines ({@code {"text": ..., "label": ...}}), with the
 * SHA-256 of what was read so a model card can name its exact training data.
 */
public record LabelledData(List<Example> examples, List<String> files, String digest) {

    public record Example(String text, String label) {
    }

    public static LabelledData read(List<Path> files) throws IOException {
        List<Example> examples = new ArrayList<>();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new IOException("cannot read " + file);
            }
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".csv")) {
                    readCsv(in, file, examples);
                } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                    readJsonLines(in, file, examples);
                } else {
                    throw new IOException(file + ": expected a .csv or .jsonl file");
                }
            }
        }
        if (examples.isEmpty()) {
            throw new IOException("no examples in " + files);
        }
        return new LabelledData(List.copyOf(examples), files.stream().map(Path::toString).toList(),
                "sha256:" + HexFormat.of().formatHex(sha.digest()));
    }

    private static void readCsv(InputStream in, Path file, List<Example> out) throws IOException {
        CsvMapper csv = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            int line = 1;
            while (rows.hasNext()) {
                line++;
                Map<String, String> row = rows.next();
                String label = row.containsKey("label") ? row.get("label") : row.get("category");
                add(out, row.get("text"), label, file, line);
            }
        }
    }

    private static void readJsonLines(InputStream in, Path file, List<Example> out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (MappingIterator<JsonNode> rows = json.readerFor(JsonNode.class).readValues(in)) {
            int line = 0;
            while (rows.hasNext()) {
                line++;
                JsonNode row = rows.next();
                add(out, row.path("text").asText(null), row.path("label").asText(null), file, line);
            }
        }
    }

    private static void add(List<Example> out, String text, String label, Path file, int line) throws IOException {
        if (text == null || text.isBlank() || label == null || label.isBlank()) {
            throw new IOException(file + " line " + line + ": needs a non-empty text and label");
        }
        out.add(new Example(text.strip(), label.strip()));
    }

    /** For each example {@link #read} gives from {@code files}, whether the file it came from passes {@code test}. */
    public static boolean[] fromFiles(List<Path> files, java.util.function.Predicate<Path> test) throws IOException {
        List<Boolean> out = new ArrayList<>();
        for (Path file : files) {
            boolean passes = test.test(file);
            read(List.of(file)).examples().forEach(e -> out.add(passes));
        }
        boolean[] flags = new boolean[out.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = out.get(i);
        }
        return flags;
    }

    /** Each example's label as its index in {@code labels}, the order a head's classes take. */
    public int[] labelIndices(List<String> labels) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        return examples.stream().mapToInt(e -> index.get(e.label())).toArray();
    }

    public List<String> labels() {
        return examples.stream().map(Example::label).distinct().sorted().toList();
    }

    public List<String> texts() {
        return examples.stream().map(Example::text).toList();
    }
}
