package io.agenthub.capability;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionTest {

    @Test
    void anEncoderRunsOncePerQuestionWhicheverTierAsksFirst() {
        AtomicInteger encodings = new AtomicInteger();
        Question question = Question.of("I lost my card");

        float[] first = question.vector("minilm", text -> {
            encodings.incrementAndGet();
            return CompletableFuture.completedFuture(new float[] {text.length()});
        }).join();
        float[] again = question.vector("minilm", text -> {
            encodings.incrementAndGet();
            return CompletableFuture.completedFuture(new float[] {-1});
        }).join();
        question.vector("bge", text -> {
            encodings.incrementAndGet();
            return CompletableFuture.completedFuture(new float[] {2});
        }).join();

        assertThat(again).isSameAs(first).containsExactly(14f);
        assertThat(encodings).hasValue(2);
        assertThat(Question.of("I lost my card").vectors()).isEmpty();
    }
}
