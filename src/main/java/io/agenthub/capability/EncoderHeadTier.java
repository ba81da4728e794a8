package io.agenthub.capability;

import io.agenthub.slm.Encoder;
import io.agenthub.slm.Features;
import io.agenthub.slm.IntentEnsemble;
import io.agenthub.slm.IntentModel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Trained heads on in-process encoders: one model, or several answering as an ensemble. Each encoder's
 * vector comes from its shared micro-batcher; all the encoders a tier needs run side by side, and a
 * vector an earlier tier already computed for the same question is reused.
 */
final class EncoderHeadTier implements Tier {

    private final TierDeclaration declaration;
    private final IntentEnsemble ensemble;
    private final EncoderPool pool;

    EncoderHeadTier(TierDeclaration declaration, IntentEnsemble ensemble, EncoderPool pool) {
        this.declaration = declaration;
        this.ensemble = ensemble;
        this.pool = pool;
    }

    IntentEnsemble ensemble() {
        return ensemble;
    }

    EncoderPool pool() {
        return pool;
    }

    @Override
    public TierDeclaration declaration() {
        return declaration;
    }

    @Override
    public TierAttempt attempt(Question question, List<TierAttempt> earlier) {
        long started = System.nanoTime();
        try (EncoderPool.Attempt atWork = pool.attempt()) {
            List<List<CompletableFuture<float[]>>> perMember = new ArrayList<>();
            for (IntentModel member : ensemble.members()) {
                perMember.add(member.encoders().stream().map(Encoder::id)
                        .map(id -> question.vector(id, text -> pool.batcher(id).submit(text))).toList());
            }
            List<float[]> features = perMember.stream()
                    .map(vectors -> Features.concat(vectors.stream().map(CompletableFuture::join).toList())).toList();
            IntentModel.Scored scored = ensemble.score(features);
            double millis = (System.nanoTime() - started) / 1e6;
            return new TierAttempt(declaration.name(), TierKind.ENCODER_HEAD, ensemble.id(), ensemble.digest(), scored.label(),
                    scored.confidence(), millis, false, null, null);
        }
    }

    /** The same tier answering from other models (cross-validation swaps in heads fitted on part of the data). */
    EncoderHeadTier withEnsemble(IntentEnsemble other) {
        return new EncoderHeadTier(declaration, other, pool);
    }
}
