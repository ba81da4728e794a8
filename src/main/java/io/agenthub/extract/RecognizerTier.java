package io.agenthub.extract;

import io.agenthub.capability.TierDeclaration;
import io.agenthub.capability.TierKind;

import java.util.List;

/** The in-process tier: a model version's recognisers and normalisers, answering in microseconds. */
final class RecognizerTier implements ExtractionTier {

    private final TierDeclaration declaration;
    private final String model;
    private final String digest;
    private final SlotExtractor extractor;
    private final SlotJson slots;

    RecognizerTier(TierDeclaration declaration, String model, String digest, SlotExtractor extractor, SlotJson slots) {
        this.declaration = declaration;
        this.model = model;
        this.digest = digest;
        this.extractor = extractor;
        this.slots = slots;
    }

    @Override
    public TierDeclaration declaration() {
        return declaration;
    }

    @Override
    public ExtractionAttempt attempt(ExtractionRequest request, List<ExtractionAttempt> earlier) {
        long started = System.nanoTime();
        try {
            var answer = slots.answer(extractor.extract(request.text(), request.referenceTime()));
            return new ExtractionAttempt(declaration.name(), TierKind.RECOGNIZERS, model, digest, answer, millis(started), false, null, null);
        } catch (RuntimeException e) {
            // a recogniser bug must cost this request its in-process answer, not the whole batch
            return ExtractionAttempt.failed(declaration.name(), TierKind.RECOGNIZERS, model, digest, millis(started),
                    "recognisers failed: " + e.getClass().getSimpleName());
        }
    }

    static double millis(long started) {
        return (System.nanoTime() - started) / 1e6;
    }
}
