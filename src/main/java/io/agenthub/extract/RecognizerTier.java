package io.agenthub.extract;

import io.agenthub.capability.Tier;
import io.agenthub.capability.TierDeclaration;

import java.util.List;

/** The in-process tier: a model version's recognisers and normalisers, answering in microseconds. */
final class RecognizerTier implements Tier<ExtractionRequest, SlotsAnswer, ExtractionAttempt> {

    private final TierDeclaration.Recognizers declaration;
    private final ExtractionModel model;
    /** capability/version, as attempts name it */
    private final String modelId;
    private final SlotJson slots;

    RecognizerTier(TierDeclaration.Recognizers declaration, ExtractionModel model, SlotJson slots) {
        this.declaration = declaration;
        this.model = model;
        this.modelId = model.id();
        this.slots = slots;
    }

    @Override
    public TierDeclaration.Recognizers declaration() {
        return declaration;
    }

    @Override
    public String model() {
        return modelId;
    }

    @Override
    public String digest() {
        return model.digest();
    }

    @Override
    public SlotsAnswer answer(ExtractionRequest request, List<ExtractionAttempt> earlier) {
        return new SlotsAnswer(slots.answer(model.extractor().extract(request.text(), request.referenceTime())), null);
    }

    /** A recogniser bug costs this request its in-process answer, not the whole batch. */
    @Override
    public String failure(Exception e) {
        return "recognisers failed: " + e.getClass().getSimpleName();
    }
}
