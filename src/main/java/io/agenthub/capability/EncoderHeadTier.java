package io.agenthub.capability;

import io.agenthub.slm.Encoder;
import io.agenthub.slm.Features;
import io.agenthub.slm.IntentModel;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A trained head on in-process encoders. Each encoder's vector comes from its shared micro-batcher;
 * a model with several encoders has them run side by side.
 */
final class EncoderHeadTier implements Tier {

    private final TierDeclaration declaration;
    private final IntentModel model;
    private final EncoderPool pool;

    EncoderHeadTier(TierDeclaration declaration, IntentModel model, EncoderPool pool) {
        this.declaration = declaration;
        this.model = model;
        this.pool = pool;
    }

    IntentModel model() {
        return model;
    }

    @Override
    public TierDeclaration declaration() {
        return declaration;
    }

    @Override
    public TierAttempt attempt(String text, List<TierAttempt> earlier) {
        long started = System.nanoTime();
        List<CompletableFuture<float[]>> vectors = model.encoders().stream()
                .map(Encoder::id).map(pool::batcher).map(b -> b.submit(text)).toList();
        float[] features = Features.concat(vectors.stream().map(CompletableFuture::join).toList());
        return attempt(features, started);
    }

    /** Scores features computed elsewhere (batch scoring computes them in bulk). */
    TierAttempt attempt(float[] features, long startedNanos) {
        IntentModel.Scored scored = model.score(features);
        double millis = (System.nanoTime() - startedNanos) / 1e6;
        return new TierAttempt(declaration.name(), TierKind.ENCODER_HEAD, modelId(), scored.label(),
                scored.confidence(), millis, false, null, null);
    }

    String modelId() {
        return model.card().capability() + "@" + model.card().version();
    }
}
