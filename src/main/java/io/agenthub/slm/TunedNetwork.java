package io.agenthub.slm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network tuned outside the hub that {@code train --network} fits a head on: the folder a fine-tuning script
 * saved ({@code encoder.onnx}, the int8 graph of a known encoder with other weights, and {@code head.json}, which
 * says how it was tuned and on which files, with the tuning's classifier and its answers on some reference texts,
 * which the int8 network must reproduce). The version ships it as its difference from the base
 * ({@link NetworkDelta}), and its card's {@link ModelCard.Tuning} names the files the network saw.
 *
 * @param delta the bytes of the version's {@code encoder.delta}
 */
public record TunedNetwork(Encoder encoder, byte[] delta, ModelCard.Tuning tuning) {

    /** The file a version keeps its own network in. */
    public static final String FILE = TunedModelImport.NETWORK_FILE;

    /**
     * @param baseId    the encoder it was tuned from, as {@code --encoders} gives it
     * @param networkId the id the network is shared under: {@code <capability>/<version>/encoder.delta}
     */
    public static TunedNetwork read(Path dir, String baseId, String networkId, EncoderCatalog catalog, ObjectMapper json,
                                    PrintStream log) throws IOException {
        Path network = dir.resolve("encoder.onnx");
        Path headJson = dir.resolve("head.json");
        for (Path file : List.of(network, headJson)) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--network " + dir + ": no " + file.getFileName());
            }
        }
        JsonNode tuned = json.readTree(headJson.toFile());
        String base = tuned.path("baseEncoder").asText("");
        if (!base.equals(baseId)) {
            throw new IllegalArgumentException(headJson + " says the network was tuned from '" + base + "', not " + baseId);
        }
        List<String> tunedOn = new ArrayList<>();
        tuned.path("tunedOn").forEach(f -> tunedOn.add(f.asText()));
        if (tunedOn.isEmpty()) {
            throw new IllegalArgumentException(headJson + " does not name the files the network was tuned on (tunedOn):"
                    + " without them no figure can leave out what it saw");
        }
        byte[] bytes = Files.readAllBytes(network);
        byte[] delta = NetworkDelta.of(catalog.network(baseId, networkId), bytes);
        Encoder encoder = catalog.tuned(baseId, networkId, () -> bytes);
        // the int8 network with the tuning's classifier must give the tuning's own answers on its reference texts
        JsonNode reference = tuned.path("reference");
        Path referenceFile = Path.of(reference.path("file").asText(""));
        if (!Files.isRegularFile(referenceFile)) {
            throw new IllegalArgumentException(headJson + ": its reference texts' file '" + referenceFile + "' is not there");
        }
        TunedModelImport.checkAgainstTuning(reference, LabelledData.read(List.of(referenceFile)).texts(), encoder,
                TunedModelImport.classifier(tuned, encoder.dimension(), 1.0), log);
        @SuppressWarnings("unchecked")
        Map<String, Object> recipe = json.convertValue(tuned.path("recipe"), Map.class);
        return new TunedNetwork(encoder, delta, new ModelCard.Tuning(tuned.path("method").asText(null), recipe, null, null,
                List.copyOf(tunedOn)));
    }
}
