package io.agenthub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.app.JsonMapper;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.TierDeclaration;
import io.agenthub.extract.ExtractionCard;
import io.agenthub.extract.LabelledTurn;
import io.agenthub.extract.SlotJson;
import io.agenthub.extract.SlotSchema;
import io.agenthub.extract.SlotScore;
import io.agenthub.extract.TokenEncoders;
import io.agenthub.extract.WordLists;
import io.agenthub.extract.ExtractionModel;
import io.agenthub.extract.NluppFolds;
import io.agenthub.extract.SlotTaggerTraining;
import io.agenthub.extract.SlotTags;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.OnnxEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The extracting capabilities' branch of {@code train} and {@code eval}: NLU++ fold files in; a slot tagger trained
 * and cross-validated by held-out folds, or a shipped version's figures given again.
 */
final class SlotTaggerRuns {

    private static final ObjectMapper JSON = JsonMapper.create();

    private SlotTaggerRuns() {
    }

    /** Whether {@code processors/<capability>.yaml} declares an extracting capability. */
    static boolean extracts(Path processorsDir, String capability) throws IOException {
        return Files.isRegularFile(processorsDir.resolve(capability + ".yaml"))
                && LocalCapabilities.declaration(processorsDir, capability).task() == CapabilityDeclaration.Task.EXTRACT;
    }

    /** The command that gives a version's cross-validated figures again. */
    static String evalCommand(String capability, List<Path> data, int splits) {
        return "java -jar target/agent-hub.jar eval --capability " + capability + " --data "
                + data.stream().map(Path::toString).collect(Collectors.joining(" ")) + " --folds " + splits;
    }

    static void train(String capability, List<Path> data, int splits, SlotTaggerTraining.Settings settings, Path processorsDir,
                      Path modelsDir, String citation) throws IOException {
        CapabilityDeclaration declaration = LocalCapabilities.declaration(processorsDir, capability);
        SlotSchema schema = schema(declaration, modelsDir);
        String parent = io.agenthub.slm.HeadTrainer.latestVersion(modelsDir.resolve(capability));
        if (parent == null) {
            throw new IOException("no version of " + capability + " in " + modelsDir + " to take the recognisers' word lists from");
        }
        WordLists words = WordLists.load(IntentModel.VersionFiles.in(modelsDir.resolve(capability).resolve(parent)));
        try (EncoderCatalog catalog = new EncoderCatalog()) {
            OnnxEncoder encoder = TokenEncoders.of(catalog).encoder(settings.encoder());
            SlotTaggerTraining training = new SlotTaggerTraining(JSON, Clock.systemUTC(), System.out);
            SlotTaggerTraining.Prepared prepared = training.prepare(encoder, data, words);
            training.train(encoder, prepared, splits, settings, modelsDir, capability, schema, citation,
                    evalCommand(capability, data, splits));
        }
    }

    /**
     * With {@code splits} above 1, the tagger of the version the capability's recognisers tier runs is refitted with
     * its card's settings on each split's other folds and scored on the held-out ones (the figures of its card);
     * otherwise the shipped version answers every turn given.
     */
    static void eval(String capability, List<Path> data, int splits, Path processorsDir, Path modelsDir) throws IOException {
        CapabilityDeclaration declaration = LocalCapabilities.declaration(processorsDir, capability);
        SlotSchema schema = schema(declaration, modelsDir);
        String version = declaration.tiers().stream().filter(t -> t instanceof TierDeclaration.Recognizers && t.isEnabled())
                .map(t -> ((TierDeclaration.Recognizers) t).model()).findFirst()
                .orElseThrow(() -> new IOException(capability + " has no enabled recognizers tier to evaluate"));
        Path folder = modelsDir.resolve(capability).resolve(version);
        try (EncoderCatalog catalog = new EncoderCatalog()) {
            ExtractionModel model = ExtractionModel.load(IntentModel.VersionFiles.in(folder), JSON, TokenEncoders.of(catalog));
            ExtractionCard.Tagger tagger = model.card().tagger();
            System.out.printf("%s/%s on %d fold files%n", capability, version, data.size());
            if (splits > 1) {
                if (tagger == null) {
                    throw new IOException(capability + "/" + version + " has no tagger to refit; without --folds, eval scores it as it is");
                }
                SlotTaggerTraining.Settings settings = new SlotTaggerTraining.Settings(tagger.encoder().id(), tagger.neighbours(),
                        tagger.hints(), tagger.hintDropout(), tagger.l2(), tagger.iterations(), tagger.keepRules());
                WordLists words = WordLists.load(IntentModel.VersionFiles.in(folder));
                SlotTaggerTraining training = new SlotTaggerTraining(JSON, Clock.systemUTC(), System.out);
                OnnxEncoder encoder = TokenEncoders.of(catalog).encoder(settings.encoder());
                System.out.printf("cross-validated by held-out folds, %d splits: every answer comes from a tagger that did not see it%n", splits);
                training.print(training.crossValidate(training.prepare(encoder, data, words), splits, settings, words, schema));
                return;
            }
            List<LabelledTurn> turns = NluppFolds.read(data, JSON).stream().flatMap(List::stream)
                    .map(t -> new LabelledTurn(t.text(), t.texts())).toList();
            SlotJson json = new SlotJson(JSON);
            int valid = 0;
            for (LabelledTurn turn : turns) {
                valid += schema.violations(json.answer(model.extractor().extract(turn.text(), SlotTaggerTraining.NLUPP_REFERENCE))).isEmpty() ? 1 : 0;
            }
            SlotScore all = SlotScore.of(turns, Set.copyOf(SlotTags.SLOTS),
                    t -> model.extractor().extract(t, SlotTaggerTraining.NLUPP_REFERENCE));
            System.out.printf(Locale.ROOT, "all slots: %s; schema-valid %d of %d%n", all, valid, turns.size());
            if (tagger != null) {
                System.out.println("(the tagger learnt from the training folds; for held-out figures use --folds)");
            }
        }
    }

    private static SlotSchema schema(CapabilityDeclaration declaration, Path modelsDir) throws IOException {
        Path file = modelsDir.resolve(declaration.capability()).resolve(declaration.schema()).resolve("schema.json");
        return SlotSchema.read(declaration.capability(), declaration.schema(), Files.readAllBytes(file), JSON);
    }
}
