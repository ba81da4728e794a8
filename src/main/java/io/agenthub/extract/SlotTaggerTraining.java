package io.agenthub.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.slm.Digests;
import io.agenthub.slm.HeadTrainer;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.LinearHead;
import io.agenthub.slm.ModelCard;
import io.agenthub.slm.OnnxEncoder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Trains and measures the banking-slots token tagger ({@code agent-hub train --capability banking-slots}, and
 * {@code agent-hub eval} for the same figures): the fold files are grouped into splits of consecutive folds; each
 * split is held out in turn while a tagger learns from the others, and the whole extractor (recognisers, tagger,
 * values) answers the held-out turns, scored as NLU++ counts slots. The recognisers alone are scored on the same
 * held-out turns for comparison, though they were written reading every fold. Then the final tagger learns from
 * every fold and is written as a new version with its word lists and model card.
 */
public final class SlotTaggerTraining {

    /** NLU++ resolves relative dates and times against this moment. */
    public static final LocalDateTime NLUPP_REFERENCE = LocalDateTime.of(2022, 3, 15, 9, 0);
    public static final String HEAD_FILE = "head.bin";
    public static final String CARD_FILE = "model-card.json";
    /** The word lists the recognisers and the tagger's features read, copied from the parent version. */
    public static final List<String> WORD_LISTS = List.of("common-words.txt", "merchants.txt", "categories.txt");
    private static final int ENCODE_BATCH = 64;

    /** How the tagger is built: its encoder, features, head regularisation, and the slots the recognisers keep. */
    public record Settings(String encoder, boolean neighbours, boolean hints, double hintDropout, double l2, int iterations,
                           List<String> keepRules) {

        public SlotFeatures features() {
            return new SlotFeatures(neighbours, hints);
        }
    }

    /**
     * One split's held-out figures: the tagger's extractor, the recognisers alone, and the schema-valid answers; and the
     * stress test: both again when the recognisers' reading is degraded to their error rates on unseen folds.
     */
    public record SplitScore(List<Integer> heldOut, SlotScore tagged, SlotScore rules, int answers, int schemaValid,
                             SlotScore taggedDegraded, SlotScore rulesDegraded) {
    }

    /**
     * Every split's figures, and per slot name the counts over all held-out turns; with hints, also the same tagger
     * without them ({@code unhinted}, null otherwise): the one figure nothing fitted to the held-out folds contributes to.
     */
    public record CrossValidation(List<SplitScore> splits, Map<String, SlotScore> bySlot, Map<String, SlotScore> rulesBySlot,
                                  List<SplitScore> unhinted) {
    }

    /** The fold files' turns with their token states and the recognisers' reading, computed once for every split. */
    public record Prepared(List<List<SlotTagger.Example>> folds, List<Path> files, String digest, int turns) {
    }

    private final ObjectMapper json;
    private final Clock clock;
    private final PrintStream log;

    public SlotTaggerTraining(ObjectMapper json, Clock clock, PrintStream log) {
        this.json = json;
        this.clock = clock;
        this.log = log;
    }

    /** Reads and encodes the fold files (one encoder pass over every turn). */
    public Prepared prepare(OnnxEncoder encoder, List<Path> files, WordLists words) throws IOException {
        List<List<NluppFolds.Turn>> folds = NluppFolds.read(files, json);
        BankingSlotRecognizers recognizers = new BankingSlotRecognizers(words);
        List<List<SlotTagger.Example>> prepared = new ArrayList<>();
        StringBuilder digests = new StringBuilder();
        int total = 0;
        for (int f = 0; f < folds.size(); f++) {
            List<NluppFolds.Turn> turns = folds.get(f);
            List<OnnxEncoder.TokenStates> states = new ArrayList<>();
            for (int from = 0; from < turns.size(); from += ENCODE_BATCH) {
                states.addAll(encoder.tokenStates(turns.subList(from, Math.min(turns.size(), from + ENCODE_BATCH))
                        .stream().map(NluppFolds.Turn::text).toList()));
            }
            List<SlotTagger.Example> examples = new ArrayList<>();
            for (int t = 0; t < turns.size(); t++) {
                NluppFolds.Turn turn = turns.get(t);
                examples.add(new SlotTagger.Example(turn.text(), states.get(t), recognizers.extract(turn.text(), NLUPP_REFERENCE),
                        turn.slots()));
            }
            prepared.add(List.copyOf(examples));
            digests.append(Digests.sha256(Files.readAllBytes(files.get(f))));
            total += turns.size();
        }
        log.printf("%d turns in %d fold files, encoded with %s%n", total, files.size(), encoder.id());
        return new Prepared(List.copyOf(prepared), List.copyOf(files), Digests.sha256(digests.toString().getBytes(StandardCharsets.UTF_8)), total);
    }

    /** The folds split {@code split} of {@code splits} holds out: consecutive files, as evenly as they divide. */
    public static List<Integer> heldOut(int split, int splits, int files) {
        return IntStream.range(0, files).filter(f -> (long) f * splits / files == split).boxed().toList();
    }

    public CrossValidation crossValidate(Prepared data, int splits, Settings settings, WordLists words, SlotSchema schema) {
        CrossValidation cv = crossValidateOnce(data, splits, settings, words, schema);
        if (!settings.hints()) {
            return cv;
        }
        log.println("the same tagger without the recognisers' reading as a feature, nor their amounts (nothing fitted to the held-out folds):");
        Settings alone = new Settings(settings.encoder(), settings.neighbours(), false, 0, settings.l2(), settings.iterations(), List.of());
        return new CrossValidation(cv.splits(), cv.bySlot(), cv.rulesBySlot(), crossValidateOnce(data, splits, alone, words, schema).splits());
    }

    private CrossValidation crossValidateOnce(Prepared data, int splits, Settings settings, WordLists words, SlotSchema schema) {
        if (splits < 2 || splits > data.folds().size()) {
            throw new IllegalArgumentException("splits must be between 2 and the number of fold files (" + data.folds().size() + ")");
        }
        BankingSlotRecognizers recognizers = new BankingSlotRecognizers(words);
        SlotJson slotJson = new SlotJson(json);
        List<SplitScore> scores = new ArrayList<>();
        Map<String, SlotScore> bySlot = new LinkedHashMap<>();
        Map<String, SlotScore> rulesBySlot = new LinkedHashMap<>();
        for (int s = 0; s < splits; s++) {
            List<Integer> held = heldOut(s, splits, data.folds().size());
            List<SlotTagger.Example> fit = new ArrayList<>();
            List<SlotTagger.Example> test = new ArrayList<>();
            for (int f = 0; f < data.folds().size(); f++) {
                (held.contains(f) ? test : fit).addAll(data.folds().get(f));
            }
            LinearHead head = SlotTagger.fit(fit, settings.features(), words, settings.l2(), settings.iterations(), settings.hintDropout());
            Map<String, OnnxEncoder.TokenStates> states = new HashMap<>();
            test.forEach(e -> states.put(e.text(), e.states()));
            SlotTagger tagger = new SlotTagger(states::get, head, settings.features(), words);
            TaggedSlotExtractor extractor = new TaggedSlotExtractor(recognizers, tagger, Set.copyOf(settings.keepRules()));
            List<LabelledTurn> turns = test.stream().map(e -> new LabelledTurn(e.text(), texts(e))).toList();
            Map<String, List<Slot>> answers = new HashMap<>();
            int valid = 0;
            for (SlotTagger.Example e : test) {
                List<Slot> slots = extractor.extract(e.text(), NLUPP_REFERENCE, e.states());
                answers.put(e.text(), slots);
                valid += schema.violations(slotJson.answer(slots)).isEmpty() ? 1 : 0;
            }
            SlotScore tagged = SlotScore.of(turns, Set.copyOf(SlotTags.SLOTS), answers::get);
            // The stress test: the recognisers' reading made as wrong as it is on unseen folds, for the tagger and alone.
            Map<String, List<Slot>> degraded = new HashMap<>();
            Map<String, List<Slot>> degradedAnswers = new HashMap<>();
            java.util.Random random = new java.util.Random(17L + s);
            for (SlotTagger.Example e : test) {
                List<Slot> worse = RuleDegradation.degrade(e.text(), recognizers.extract(e.text(), NLUPP_REFERENCE), random);
                degraded.put(e.text(), worse);
                degradedAnswers.put(e.text(), extractor.extract(e.text(), NLUPP_REFERENCE, e.states(), worse));
            }
            SlotScore taggedDegraded = SlotScore.of(turns, Set.copyOf(SlotTags.SLOTS), degradedAnswers::get);
            SlotScore rulesDegraded = SlotScore.of(turns, Set.copyOf(SlotTags.SLOTS), degraded::get);
            SlotScore rules = SlotScore.of(turns, Set.copyOf(SlotTags.SLOTS), t -> recognizers.extract(t, NLUPP_REFERENCE));
            for (String slot : SlotTags.SLOTS) {
                bySlot.merge(slot, SlotScore.of(turns, Set.of(slot), answers::get), SlotTaggerTraining::plus);
                rulesBySlot.merge(slot, SlotScore.of(turns, Set.of(slot), t -> recognizers.extract(t, NLUPP_REFERENCE)), SlotTaggerTraining::plus);
            }
            scores.add(new SplitScore(held, tagged, rules, test.size(), valid, taggedDegraded, rulesDegraded));
            log.printf(Locale.ROOT, "  split %d/%d, folds %s held out: tagger F1 %.3f (P %.3f, R %.3f), recognisers F1 %.3f; schema-valid %d of %d;"
                            + " recognisers degraded: tagger %.3f, recognisers %.3f%n",
                    s + 1, splits, held, tagged.f1(), tagged.precision(), tagged.recall(), rules.f1(), valid, test.size(),
                    taggedDegraded.f1(), rulesDegraded.f1());
        }
        return new CrossValidation(List.copyOf(scores), bySlot, rulesBySlot, null);
    }

    private static SlotScore plus(SlotScore a, SlotScore b) {
        return new SlotScore(a.labelled() + b.labelled(), a.found() + b.found(), a.right() + b.right());
    }

    private static Map<String, String> texts(SlotTagger.Example e) {
        Map<String, String> texts = new LinkedHashMap<>();
        e.slots().forEach(s -> texts.put(s.name(), e.text().substring(s.start(), s.end())));
        return texts;
    }

    /** Prints the cross-validation as a table: per split, the spread, and per slot. */
    public void print(CrossValidation cv) {
        log.printf("%n%-10s %8s %8s %8s %12s%n", "held out", "F1", "P", "R", "recognisers");
        for (SplitScore s : cv.splits()) {
            log.printf(Locale.ROOT, "%-10s %8.3f %8.3f %8.3f %12.3f%n", s.heldOut(), s.tagged().f1(), s.tagged().precision(),
                    s.tagged().recall(), s.rules().f1());
        }
        Spread f1 = Spread.of(cv.splits().stream().mapToDouble(s -> s.tagged().f1()).toArray());
        Spread rules = Spread.of(cv.splits().stream().mapToDouble(s -> s.rules().f1()).toArray());
        log.printf(Locale.ROOT, "slot F1 mean %.3f (min %.3f, max %.3f); recognisers alone %.3f (%.3f-%.3f), written reading every fold%n",
                f1.mean(), f1.min(), f1.max(), rules.mean(), rules.min(), rules.max());
        Spread stressTagger = Spread.of(cv.splits().stream().mapToDouble(s -> s.taggedDegraded().f1()).toArray());
        Spread stressRules = Spread.of(cv.splits().stream().mapToDouble(s -> s.rulesDegraded().f1()).toArray());
        log.printf(Locale.ROOT, "stress test, the recognisers' reading degraded to their unseen error rates: tagger %.3f (%.3f-%.3f),"
                        + " recognisers %.3f (%.3f-%.3f)%n", stressTagger.mean(), stressTagger.min(), stressTagger.max(),
                stressRules.mean(), stressRules.min(), stressRules.max());
        if (cv.unhinted() != null) {
            Spread alone = Spread.of(cv.unhinted().stream().mapToDouble(s -> s.tagged().f1()).toArray());
            log.printf(Locale.ROOT, "the tagger without the recognisers' reading: slot F1 mean %.3f (min %.3f, max %.3f)%n",
                    alone.mean(), alone.min(), alone.max());
        }
        log.printf("%n%-18s %8s %8s %8s %8s %12s%n", "slot", "labelled", "F1", "P", "R", "recognisers");
        cv.bySlot().forEach((slot, score) -> log.printf(Locale.ROOT, "%-18s %8d %8.3f %8.3f %8.3f %12.3f%n", slot, score.labelled(),
                score.f1(), score.precision(), score.recall(), cv.rulesBySlot().get(slot).f1()));
    }

    /** Mean, minimum and maximum of per-split figures. */
    public record Spread(double mean, double min, double max, double[] perSplit) {
        static Spread of(double[] values) {
            return new Spread(java.util.Arrays.stream(values).average().orElse(0), java.util.Arrays.stream(values).min().orElse(0),
                    java.util.Arrays.stream(values).max().orElse(0), values);
        }
    }

    /**
     * Cross-validates, fits the final tagger on every fold, and writes {@code <modelsDir>/<capability>/vN/} with the
     * head, the parent version's word lists and the model card; returns the folder.
     */
    public Path train(OnnxEncoder encoder, Prepared data, int splits, Settings settings, Path modelsDir, String capability,
                      SlotSchema schema, String citation, String command) throws IOException {
        Path capabilityDir = modelsDir.resolve(capability);
        String parent = HeadTrainer.latestVersion(capabilityDir);
        if (parent == null) {
            throw new IOException("no earlier version of " + capability + " in " + modelsDir + " to take the word lists from");
        }
        WordLists words = WordLists.load(IntentModel.VersionFiles.in(capabilityDir.resolve(parent)));
        CrossValidation cv = crossValidate(data, splits, settings, words, schema);
        print(cv);
        log.println("\nFitting the final tagger on every fold");
        List<SlotTagger.Example> all = data.folds().stream().flatMap(List::stream).toList();
        LinearHead head = SlotTagger.fit(all, settings.features(), words, settings.l2(), settings.iterations(), settings.hintDropout());
        String version = HeadTrainer.nextVersion(parent);
        Path dir = capabilityDir.resolve(version);
        Files.createDirectories(dir);
        head.write(dir.resolve(HEAD_FILE));
        Map<String, String> files = new LinkedHashMap<>();
        files.put(HEAD_FILE, Digests.sha256(Files.readAllBytes(dir.resolve(HEAD_FILE))));
        for (String list : WORD_LISTS) {
            Files.copy(capabilityDir.resolve(parent).resolve(list), dir.resolve(list), StandardCopyOption.REPLACE_EXISTING);
            files.put(list, Digests.sha256(Files.readAllBytes(dir.resolve(list))));
        }
        ExtractionCard card = new ExtractionCard(capability, version, "banking-slots",
                "NLU++ banking's thirteen slots: a token tagger (Begin/Inside/Outside per word piece over " + encoder.id()
                        + "'s token states and spelling, number and word-list flags) decides where slots are; the recognisers and"
                        + " normalisers of " + parent + " give their values (amounts with currency, dates, periods and times against"
                        + " the reference time)" + (settings.keepRules().isEmpty() ? "" : ", and their own readings stand for "
                        + String.join(", ", settings.keepRules())) + ".",
                files,
                new ExtractionCard.Tagger(new ModelCard.EncoderRef(encoder.id(), encoder.digest(), encoder.dimension()), HEAD_FILE,
                        SlotTags.SLOTS, settings.neighbours(), settings.hints(), settings.hintDropout(), settings.l2(), settings.iterations(),
                        settings.keepRules()),
                null, validation(cv, data, splits, settings, command), trainingData(data, citation), parent, clock.instant().toString());
        json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(CARD_FILE).toFile(), card);
        log.printf("Wrote %s%n", dir);
        return dir;
    }

    private ObjectNode validation(CrossValidation cv, Prepared data, int splits, Settings settings, String command) {
        ObjectNode v = json.createObjectNode();
        v.put("protocol", String.format(Locale.ROOT, "%d splits of the %d NLU++ banking fold files in the repository, each split"
                + " (consecutive folds) held out in turn: the tagger's head is fitted on the other folds and the whole extractor"
                + " (recognisers, tagger, values, schema) answers the held-out turns; a slot is right when its name and text (case"
                + " and spaces aside) equal a labelled one. The recognisers alone are scored on the same held-out turns, but they"
                + " and their word lists were written reading all ten folds, so their figure here is an upper bound (0.771 on NLU++"
                + " banking folds the hub does not have)%s", splits, data.folds().size(), settings.hints()
                ? ". The tagger reads the recognisers' reading as a feature (hints), so slotF1 is not free of those folds either;"
                + " taggerWithoutRecognisersSlotF1 is the same tagger without hints, to which nothing fitted to the held-out folds"
                + " contributes" : ""));
        v.put("neverSaw", settings.hints()
                ? "per split, the held-out folds' turns were never in the tagger head's training data; the recognisers whose reading"
                        + " the head takes as a feature were written reading them (all ten folds), so only taggerWithoutRecognisersSlotF1"
                        + " comes from data nothing was fitted to; the withheld NLU++ folds outside the repository were seen by nothing"
                : "per split, the held-out folds' turns: the tagger head answering them was fitted without them");
        ObjectNode figures = v.putObject("figures");
        figure(figures, "slotF1", cv.splits().stream().mapToDouble(s -> s.tagged().f1()).toArray());
        figure(figures, "precision", cv.splits().stream().mapToDouble(s -> s.tagged().precision()).toArray());
        figure(figures, "recall", cv.splits().stream().mapToDouble(s -> s.tagged().recall()).toArray());
        figure(figures, "recognisersSlotF1SameFolds", cv.splits().stream().mapToDouble(s -> s.rules().f1()).toArray());
        figure(figures, "stressTestSlotF1", cv.splits().stream().mapToDouble(s -> s.taggedDegraded().f1()).toArray());
        figure(figures, "stressTestRecognisersSlotF1", cv.splits().stream().mapToDouble(s -> s.rulesDegraded().f1()).toArray());
        if (cv.unhinted() != null) {
            figure(figures, "taggerWithoutRecognisersSlotF1", cv.unhinted().stream().mapToDouble(s -> s.tagged().f1()).toArray());
        }
        figure(figures, "schemaValid", cv.splits().stream().mapToDouble(s -> (double) s.schemaValid() / s.answers()).toArray());
        ArrayNode held = v.putArray("heldOutFolds");
        cv.splits().forEach(s -> held.add(json.valueToTree(s.heldOut())));
        ObjectNode bySlot = v.putObject("bySlotF1");
        cv.bySlot().forEach((slot, score) -> bySlot.putObject(slot).put("labelled", score.labelled()).put("f1", round(score.f1()))
                .put("recognisersF1", round(cv.rulesBySlot().get(slot).f1())));
        v.put("command", command);
        return v;
    }

    private static void figure(ObjectNode figures, String name, double[] perSplit) {
        Spread spread = Spread.of(perSplit);
        ObjectNode f = figures.putObject(name).put("mean", round(spread.mean())).put("min", round(spread.min())).put("max", round(spread.max()));
        ArrayNode per = f.putArray("perFold");
        for (double x : perSplit) {
            per.add(round(x));
        }
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }

    private ObjectNode trainingData(Prepared data, String citation) {
        ObjectNode t = json.createObjectNode();
        ArrayNode files = t.putArray("files");
        data.files().forEach(f -> files.add(f.toString()));
        t.put("digest", data.digest()).put("examples", data.turns());
        if (citation != null) {
            t.put("citation", citation);
        }
        return t;
    }
}
