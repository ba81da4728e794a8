package io.agenthub.capability;

import io.agenthub.app.JsonMapper;
import io.agenthub.testing.OllamaStandIn;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The LLM tier against a local stand-in that speaks the Ollama API; no real model is needed. */
class LlmTierTest {

    private OllamaStandIn ollama;
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private CapabilityCascade cascade;

    @BeforeEach
    void start() throws Exception {
        ollama = new OllamaStandIn();
        TierDeclaration.Llm declaration = new TierDeclaration.Llm("llm", true, 0.0,
                new TierDeclaration.LlmSettings("ollama", ollama.baseUrl(), "stand-in", null), new TierDeclaration.Budget(5000, 32, 0.5));
        Set<String> labels = Set.of("card_arrival", "lost_or_stolen_card");
        LangChain4jLlmTiers llms = new LangChain4jLlmTiers(name -> null, breakers);
        LlmTier llm = new LlmTier("test-intent", declaration, llms.chatModel(declaration), llms.breaker("test-intent"),
                LangChain4jLlmTiers.classificationPrompt(), labels, null, JsonMapper.create());
        cascade = new CapabilityCascade("test-intent", new Cascade<>(List.of(new Cascade.Stage<>(llm, new LabelJudge(labels, 0.0))),
                null), labels);
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void aValidLabelFromTheModelIsAcceptedWithItsTokenCost() {
        CascadeAnswer answer = cascade.classify("where is my new card");

        assertThat(answer.escalated()).isFalse();
        assertThat(answer.label()).isEqualTo("card_arrival");
        TierAttempt attempt = answer.attempts().get(0);
        assertThat(attempt.model()).isEqualTo("ollama:stand-in");
        assertThat(attempt.usage().inputTokens()).isEqualTo(120);
        assertThat(attempt.usage().outputTokens()).isEqualTo(12);
        assertThat(attempt.usage().cost()).isEqualTo(132 * 0.5 / 1000);
    }

    @Test
    void theLabelsTravelAsAJsonSchemaEnumAndTheRequestTextInThePrompt() {
        cascade.classify("where is my new card");

        String sent = ollama.requests.get(0);
        assertThat(sent).contains("\"format\"").contains("\"enum\"").contains("lost_or_stolen_card");
        assertThat(sent).contains("where is my new card");
    }

    @Test
    void anAnswerThatIsNotAnAllowedLabelIsRejectedAndEscalated() {
        ollama.answer(request -> "{\"label\":\"buy_crypto\"}");

        CascadeAnswer answer = cascade.classify("buy me some coins");

        assertThat(answer.escalated()).isTrue();
        assertThat(answer.attempts().get(0).rejection()).contains("not one of the capability's labels");
    }

    @Test
    void proseInsteadOfJsonAndServerErrorsAreRejectedAttemptsNotFailures() {
        ollama.answer(request -> "I think it is card_arrival");
        assertThat(cascade.classify("x").attempts().get(0).rejection()).isEqualTo("answer is not JSON");

        ollama.failWith(500);
        assertThat(cascade.classify("x").attempts().get(0).rejection()).startsWith("model call failed");
    }

    @Test
    void theTierCallsThroughItsCapabilitysBreakerInTheHubsOneRegistry() {
        assertThat(breakers.find("llm-test-intent")).isPresent();
        breakers.circuitBreaker("llm-test-intent").transitionToOpenState();

        CascadeAnswer answer = cascade.classify("where is my new card");

        assertThat(answer.attempts().get(0).rejection()).isEqualTo("circuit breaker open");
        assertThat(ollama.requests).isEmpty();
    }
}
