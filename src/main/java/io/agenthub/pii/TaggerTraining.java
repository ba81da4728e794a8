package io.agenthub.pii;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agenthub.api.PiiType;
import io.agenthub.slm.Digests;
import io.agenthub.slm.HeadTrainer;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.LinearHead;
import io.agenthub.slm.ModelCard;
import io.agenthub.slm.OnnxEncoder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Trains and stores the entity tagger ({@code agent-hub pii train}): k-fold cross-validation of the whole
 * detector (patterns plus a tagger trained on the other folds), then the final tagger on every example,
 * written as {@code models/<model>/vN/} with {@code head.bin} and {@code model-card.json}.
 */
public final class TaggerTraining {

    public static final String HEAD_FILE = "head.bin";
    public static final String CARD_FILE = "model-card.json";
    public static final String NAMES_FILE = "names.txt";

    private final ObjectMapper json;
    private final Clock clock;
    private final PrintStream log;

    public TaggerTraining(ObjectMapper json, Clock clock, PrintStream log) {
        this.json = json;
        this.clock = clock;
        this.log = log;
    }

    /**
     * @param detectorWith the detector to evaluate, given a tagger: the patterns plus it
     * @return the version folder written
     */
    public Path train(OnnxEncoder encoder, List<Path> dataFiles, String citation, Path modelDir, double l2, int copies, int folds,
                      long seed, NameGazetteer names, Function<EntityTagger, PiiDetector> detectorWith) throws IOException {
        List<PiiEvaluation.Example> examples = new ArrayList<>();
        for (Path file : dataFiles) {
            examples.addAll(PiiEvaluation.readPresidio(file, json));
        }
        log.printf("%d labelled texts from %s%n", examples.size(), dataFiles);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        Map<PiiType, PiiEvaluation.Counts> byType = new TreeMap<>();
        for (int f = 0; f < folds; f++) {
            List<PiiEvaluation.Example> fit = new ArrayList<>();
            List<PiiEvaluation.Example> held = new ArrayList<>();
            for (int k = 0; k < order.size(); k++) {
                (k % folds == f ? held : fit).add(examples.get(order.get(k)));
            }
            PiiEvaluation.Result result = PiiEvaluation.score(detectorWith.apply(EntityTagger.train(encoder, fit, copies, l2, names)), held);
            result.byType().forEach((type, counts) -> byType.merge(type, counts, PiiEvaluation.Counts::plus));
            log.printf("  fold %d/%d done%n", f + 1, folds);
        }
        PiiEvaluation.Result crossValidated = new PiiEvaluation.Result(byType,
                byType.values().stream().reduce(new PiiEvaluation.Counts(0, 0, 0, 0), PiiEvaluation.Counts::plus));
        log.printf("%nCross-validated (%d folds), patterns and tagger together:%n", folds);
        PiiEvaluation.print(crossValidated, log);

        log.println("\nFitting the final tagger on all texts");
        EntityTagger tagger = EntityTagger.train(encoder, examples, copies, l2, names);
        String parent = HeadTrainer.latestVersion(modelDir);
        String version = HeadTrainer.nextVersion(parent);
        Path dir = modelDir.resolve(version);
        Files.createDirectories(dir);
        tagger.head().write(dir.resolve(HEAD_FILE));
        String namesDigest = null;
        if (!names.isEmpty()) {
            names.write(dir.resolve(NAMES_FILE), "Names the tagger reads as features (agent-hub pii names; Datafaker locale data, Apache-2.0).");
            namesDigest = Digests.sha256(Files.readAllBytes(dir.resolve(NAMES_FILE)));
        }

        Map<String, TaggerCard.Figures> figures = new LinkedHashMap<>();
        crossValidated.byType().forEach((type, counts) -> {
            if (counts.labelled() > 0) {
                figures.put(type.name(), TaggerCard.Figures.of(counts));
            }
        });
        List<String> files = dataFiles.stream().map(Path::toString).toList();
        StringBuilder digests = new StringBuilder();
        for (Path file : dataFiles) {
            digests.append(Digests.sha256(Files.readAllBytes(file)));
        }
        TaggerCard card = new TaggerCard(modelDir.getFileName().toString(), version, parent, clock.instant(),
                new ModelCard.EncoderRef(encoder.id(), encoder.digest(), encoder.dimension()),
                new TaggerCard.Head("softmax-regression", HEAD_FILE, Digests.sha256(Files.readAllBytes(dir.resolve(HEAD_FILE))), l2, copies,
                        names.isEmpty() ? null : NAMES_FILE, namesDigest),
                EntityTagger.ENTITIES,
                new ModelCard.TrainingData(files, Digests.sha256(digests.toString().getBytes(StandardCharsets.UTF_8)),
                        examples.size(), citation),
                new TaggerCard.Evaluation(folds, seed, figures, TaggerCard.Figures.of(crossValidated.overall())),
                "agent-hub pii train", validation(folds, seed, figures, TaggerCard.Figures.of(crossValidated.overall()), files));
        json.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve(CARD_FILE).toFile(), card);
        log.printf("Wrote %s%n", dir);
        return dir;
    }

    /** The card's account of how its figures were measured, with a 95 % interval on each recall (the folds are pooled). */
    private static ModelCard.Validation validation(int folds, long seed, Map<String, TaggerCard.Figures> byType, TaggerCard.Figures overall, List<String> files) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("overall", withInterval(overall));
        byType.forEach((type, f) -> figures.put(type, withInterval(f)));
        return new ModelCard.Validation(folds + "-fold cross-validation of the training file (seed " + seed + "): the tagger's"
                + " head refitted on the other folds, the whole detector (recognisers, tagger, gate and span checks of"
                + " compliance/pii.yaml) judged on each held-out fold; a span is right when its type and offsets equal a labelled one",
                "each held-out fold of " + String.join(", ", files) + "; test splits are withheld from the project",
                figures, "java -jar target/agent-hub.jar pii train --data " + String.join(" ", files) + " (see the folder's README)");
    }

    private static Map<String, Object> withInterval(TaggerCard.Figures f) {
        int found = (int) Math.round(f.recall() * f.labelled());
        double[] ci = io.agenthub.slm.OutOfScopeCrossValidation.wilson(found, f.labelled());
        return Map.of("labelled", f.labelled(), "recall", f.recall(), "recallCi95", List.of(ci[0], ci[1]),
                "precision", f.precision(), "f2", f.f2());
    }

    /** A stored tagger, refused when its head no longer matches the card or its encoder differs from this build's. */
    public static EntityTagger load(IntentModel.VersionFiles files, String name, ObjectMapper json,
                                    Function<String, OnnxEncoder> encoders) throws IOException {
        TaggerCard card;
        try (InputStream in = files.open(CARD_FILE)) {
            card = json.readValue(in, TaggerCard.class);
        }
        byte[] head = verified(files, card.head().file(), card.head().digest(), name);
        NameGazetteer names = NameGazetteer.NONE;
        if (card.head().names() != null) {
            names = NameGazetteer.read(new ByteArrayInputStream(verified(files, card.head().names(), card.head().namesDigest(), name)));
        }
        OnnxEncoder encoder = encoders.apply(card.encoder().id());
        if (!encoder.digest().equals(card.encoder().digest())) {
            throw new IOException(name + " was trained on another " + card.encoder().id() + " than this build's");
        }
        if (!card.entities().equals(EntityTagger.ENTITIES)) {
            throw new IOException(name + " tags " + card.entities() + "; this build expects " + EntityTagger.ENTITIES);
        }
        try (InputStream in = new ByteArrayInputStream(head)) {
            return new EntityTagger(encoder, LinearHead.read(in), names);
        }
    }

    private static byte[] verified(IntentModel.VersionFiles files, String file, String digest, String name) throws IOException {
        byte[] bytes;
        try (InputStream in = files.open(file)) {
            bytes = in.readAllBytes();
        }
        if (!Digests.sha256(bytes).equals(digest)) {
            throw new IOException(name + ": " + file + " does not match the digest in its model card");
        }
        return bytes;
    }
}
