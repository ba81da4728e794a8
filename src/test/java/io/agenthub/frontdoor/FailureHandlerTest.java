package io.agenthub.frontdoor;

import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.app.JsonMapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.language.bean.RuntimeBeanExpressionException;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** What the caller is told when a route fails before its request was admitted (nothing is recorded then). */
class FailureHandlerTest {

    private final FailureHandler handler = new FailureHandler(null, JsonMapper.create(), Clock.systemUTC());
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void aProblemABeanThrewIsAnsweredAsThatProblemThoughCamelWrappedIt() {
        ProblemException thrown = new ProblemException(ProblemType.INVALID_REQUEST, "Say why you contest the decision.");

        Problem problem = handler.recordFailure(
                new RuntimeBeanExpressionException(exchange, "decisionContests", "contest(${header.requestId}, ${body})", thrown),
                null);

        assertThat(problem.type()).isEqualTo(ProblemType.INVALID_REQUEST.uri());
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).isEqualTo("Say why you contest the decision.");
    }

    @Test
    void anyOtherFailureIsTheHubsOwnAndSaysNothingOfItsCause() {
        Problem problem = handler.recordFailure(new IllegalStateException("card number 4111 1111 1111 1111 in a message"), null);

        assertThat(problem.type()).isEqualTo(ProblemType.INTERNAL_ERROR.uri());
        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).doesNotContain("4111");
    }
}
