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
final class EncoderHeadTier implements Tier<Question, LabelAnswer, TierAttempt> {

    private final TierDeclaration.EncoderHead declaration;
    private final IntentEnsemble ensemble;
    private final String model;
    private final EncoderPool pool;

    EncoderHeadTier(TierDeclaration.EncoderHead declaration, IntentEnsemble ensemble, EncoderPool pool) {
        if (declaration.minFamiliarity() != null && !ensemble.judgesFamiliarity()) {
            throw new IllegalArgumentException("tier " + declaration.name() + ": minFamiliarity needs a nearest-neighbour"
                    + " model among its models (give it weight 0 to keep it out of the vote)");
        }
        this.declaration = declaration;
        this.ensemble = ensemble;
        this.model = ensemble.id();
        this.pool = pool;
    }

    IntentEnsemble ensemble() {
        return ensemble;
    }

    EncoderPool pool() {
        return pool;
    }

    @Override
    public TierDeclaration.EncoderHead declaration() {
        return declaration;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String digest() {
        return ensemble.digest();
    }

    @Override
    public LabelAnswer answer(Question question, List<TierAttempt> earlier) {
        try (EncoderPool.Attempt atWork = pool.attempt()) {
            List<List<CompletableFuture<float[]>>> perMember = new ArrayList<>();
            for (IntentModel member : ensemble.members()) {
                perMember.add(member.encoders().stream().map(Encoder::id)
                        .map(id -> question.vector(id, text -> pool.batcher(id).submit(text))).toList());
            }
            List<float[]> features = perMember.stream()
                    .map(vectors -> Features.concat(vectors.stream().map(CompletableFuture::join).toList())).toList();
            IntentModel.Scored scored = ensemble.score(features);
            Double familiarity = declaration.minFamiliarity() == null ? null : ensemble.gateFamiliarity(features);
            return new LabelAnswer(scored.label(), scored.confidence(), null, familiarity);
        }
    }

    /**
     * An encoder that breaks is the hub failing, not a tier giving a poor answer: the request fails (and recovery
     * runs it again) rather than being sent to people with no label.
     */
    @Override
    public String failure(Exception e) {
        throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }

    /** The same tier answering from other models (cross-validation swaps in heads fitted on part of the data). */
    EncoderHeadTier withEnsemble(IntentEnsemble other) {
        return new EncoderHeadTier(declaration, other, pool);
    }
}
