package io.agenthub.slm;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One trained model version loaded for scoring: its encoders (shared through the catalog), its head,
 * its labels and its out-of-scope rule. Loaded once; {@link #score} is safe from many threads.
 */
public final class IntentModel {

    /** The model's answer: a label (possibly the out-of-scope label) and its calibrated probability. */
    public record Scored(String label, double confidence, boolean outOfScope) {
    }

    private final ModelCard card;
    private final Head head;
    private final List<Encoder> encoders;
    /** The version's files, for what only evaluation reads (a tuned model's out-of-fold logits); may be null. */
    private final VersionFiles files;

    public IntentModel(ModelCard card, Head head, List<Encoder> encoders) {
        this(card, head, encoders, null);
    }

    private IntentModel(ModelCard card, Head head, List<Encoder> encoders, VersionFiles files) {
        this.card = card;
        this.head = head;
        this.encoders = encoders;
        this.files = files;
    }

    /** Opens a file of one model version by name: from a folder on disk, or from the jar. */
    @FunctionalInterface
    public interface VersionFiles {
        InputStream open(String name) throws IOException;

        static VersionFiles in(Path versionDir) {
            return name -> {
                Path file = versionDir.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new IOException("no " + name + " in " + versionDir);
                }
                return Files.newInputStream(file);
            };
        }
    }

    public static IntentModel load(VersionFiles files, ObjectMapper json, EncoderCatalog catalog) throws IOException {
        ModelCard card;
        try (InputStream in = files.open("model-card.json")) {
            card = json.readValue(in, ModelCard.class);
        }
        byte[] headBytes;
        try (InputStream in = files.open(card.head().file())) {
            headBytes = in.readAllBytes();
        }
        String digest = Digests.sha256(headBytes);
        if (!digest.equals(card.head().digest())) {
            throw new IllegalStateException(card.capability() + "/" + card.version() + ": " + card.head().file()
                    + " does not match the digest in its model card");
        }
        Head head = card.head().read(new ByteArrayInputStream(headBytes));
        List<Encoder> encoders = new ArrayList<>();
        for (ModelCard.EncoderRef ref : card.encoders()) {
            Encoder encoder = ref.file() == null ? catalog.get(ref.id()) : tunedEncoder(card, ref, files, catalog);
            if (!encoder.digest().equals(ref.digest())) {
                throw new IllegalStateException(card.capability() + "/" + card.version() + " was trained on "
                        + ref.id() + " " + ref.digest() + " but this build has " + encoder.digest());
            }
            encoders.add(encoder);
        }
        return new IntentModel(card, head, List.copyOf(encoders), files);
    }

    /**
     * The version's own network, shared under {@code <capability>/<version>/<file>}: its file is the difference from
     * the base encoder ({@link NetworkDelta}), and the network it gives is checked against the card's digest.
     */
    private static Encoder tunedEncoder(ModelCard card, ModelCard.EncoderRef ref, VersionFiles files,
                                        EncoderCatalog catalog) {
        String id = card.capability() + "/" + card.version() + "/" + ref.file();
        return catalog.tuned(ref.id(), id, () -> {
            try (InputStream in = files.open(ref.file())) {
                return NetworkDelta.apply(catalog.network(ref.id(), id), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + id, e);
            }
        });
    }

    /**
     * A tuned model's logits for each training example from the fold run that did not see it (see
     * {@link ModelCard.Tuning}); empty for a model whose head {@code train} fitted on frozen encoders.
     */
    public Optional<float[][]> outOfFoldLogits() throws IOException {
        ModelCard.Tuning tuning = card.tuning();
        if (tuning == null || tuning.outOfFoldLogits() == null || files == null) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = files.open(tuning.outOfFoldLogits())) {
            bytes = in.readAllBytes();
        }
        if (!Digests.sha256(bytes).equals(tuning.outOfFoldDigest())) {
            throw new IllegalStateException(card.capability() + "/" + card.version() + ": " + tuning.outOfFoldLogits()
                    + " does not match the digest in its model card");
        }
        return Optional.of(OutOfFoldLogits.read(new ByteArrayInputStream(bytes)));
    }

    public ModelCard card() {
        return card;
    }

    public List<Encoder> encoders() {
        return encoders;
    }

    /** Scores features already computed with {@link #encoders()}, in order. */
    public Scored score(float[] features) {
        return judge(head.probabilities(features), card.labels(), card.outOfScope(), familiarity(features));
    }

    /**
     * How like the intents' training examples the request is, when this model's out-of-scope rule uses
     * it (a head that can tell, {@link Familiar}, with a tuned {@code minFamiliarity}); NaN otherwise.
     */
    public double familiarity(float[] features) {
        ModelCard.OutOfScope oos = card.outOfScope();
        if (oos == null || oos.minFamiliarity() == null || !(head instanceof Familiar familiar)) {
            return Double.NaN;
        }
        return familiar.familiarity(features, card.labels().indexOf(oos.label()));
    }

    /**
     * How like this model's training examples the request is, whatever its out-of-scope rule: the mean cosine
     * similarity of its nearest training examples (outside the out-of-scope class, if the model has one) when the
     * head is a nearest-neighbour head; NaN otherwise. A tier's familiarity gate ({@code minFamiliarity}) reads it.
     */
    public double nearestFamiliarity(float[] features) {
        if (!(head instanceof NeighbourHead neighbours)) {
            return Double.NaN;
        }
        ModelCard.OutOfScope oos = card.outOfScope();
        return neighbours.nearestSimilarity(features, oos == null ? -1 : card.labels().indexOf(oos.label()));
    }

    /** Whether {@link #nearestFamiliarity} can tell (a nearest-neighbour head). */
    public boolean judgesFamiliarity() {
        return head instanceof NeighbourHead;
    }

    /**
     * The best label, or the out-of-scope label when it wins, when the best in-scope probability is too
     * low, or when the request is too unfamiliar (NaN familiarity never rejects).
     */
    static Scored judge(double[] p, List<String> labels, ModelCard.OutOfScope oos, double familiarity) {
        int best = Softmax.argmax(p);
        String label = labels.get(best);
        if (oos != null && (label.equals(oos.label()) || p[best] < oos.threshold()
                || (oos.minFamiliarity() != null && familiarity < oos.minFamiliarity()))) {
            return new Scored(oos.label(), label.equals(oos.label()) ? p[best] : 1 - p[best], true);
        }
        return new Scored(label, p[best], false);
    }

    public double[] probabilities(float[] features) {
        return head.probabilities(features);
    }
}
