package io.agenthub.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The two routes behind one HTTP connector:
 * <ul>
 *   <li>{@code connector-<name>}: a Resilience4j circuit breaker, so a failing back-end is left alone
 *       for a while instead of being hammered;</li>
 *   <li>{@code connector-<name>-attempt}: the HTTP call with its timeouts, retried with back-off on
 *       I/O errors and 5xx/429 answers when the call is safe to repeat.</li>
 * </ul>
 * Flows never call these routes directly; {@link ConnectorClient} does.
 */
public final class HttpConnectorRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(HttpConnectorRoutes.class);

    static final String CALL_VARIABLE = "connectorCall";

    private final ConnectorSettings settings;
    private final ObjectMapper json;

    public HttpConnectorRoutes(ConnectorSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    public static String entryUri(String connector) {
        return "direct:connector-" + connector;
    }

    @Override
    public void configure() {
        String name = settings.name();
        ConnectorSettings.Breaker breaker = settings.breaker();
        leaveRetriesToTheRoute();

        from(entryUri(name)).routeId("connector-" + name)
                .errorHandler(noErrorHandler())
                .circuitBreaker()
                    .resilience4jConfiguration()
                        .failureRateThreshold(breaker.failureRateThreshold())
                        .slidingWindowSize(breaker.slidingWindowSize())
                        .minimumNumberOfCalls(breaker.minimumCalls())
                        .waitDurationInOpenState((int) Math.max(1, breaker.waitInOpenMs() / 1000))
                        // An open breaker must fail the call, not quietly return the request unanswered.
                        .throwExceptionWhenHalfOpenOrOpenState(true)
                    .end()
                    .to(entryUri(name) + "-attempt")
                .end();

        from(entryUri(name) + "-attempt").routeId("connector-" + name + "-attempt")
                // Camel's "exhausted" line carries the message history, whose endpoint URIs may hold re-identified
                // personal data; the failure reaches the caller's route, which logs it by kind.
                .errorHandler(defaultErrorHandler().logExhausted(false).logExhaustedMessageHistory(false))
                .onException(IOException.class, HttpOperationFailedException.class)
                    .onWhen(e -> e.getVariable(CALL_VARIABLE, ConnectorCall.class).retryable())
                    .maximumRedeliveries(settings.retries())
                    .redeliveryDelay(settings.retryDelayMs())
                    .useExponentialBackOff()
                    // Camel's own retry line quotes the URL, which may carry re-identified personal data.
                    .logRetryAttempted(false)
                    .logExhausted(false)
                    .logExhaustedMessageHistory(false)
                    .onRedelivery(exchange -> LOG.warn("Connector {} {}: attempt {} failed ({}); retrying", name,
                            exchange.getVariable(CALL_VARIABLE, ConnectorCall.class).operation(),
                            exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER),
                            exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getClass().getSimpleName()))
                .end()
                .process(new ConnectorRequestWriter(settings, json))
                .to(settings.baseUrl() + "?throwExceptionOnFailure=true"
                        // 5xx and 429 fail (and are retried); other 4xx answers are for the caller to interpret.
                        + "&okStatusCodeRange=200-428,430-499"
                        + "&connectTimeout=" + settings.connectTimeoutMs()
                        + "&responseTimeout=" + settings.responseTimeoutMs()
                        // only the call's own headers go out, only the answer's media type comes back
                        + "&headerFilterStrategy=#connectorHttpHeaders")
                .process(this::readResponse);
    }

    /**
     * One retry policy, the connector's own: Apache HttpClient would otherwise retry 429, 503 and some I/O errors by
     * itself (once, after a second, POSTs included) inside every attempt of the route, so {@code retries=2} became
     * six calls and a write without an idempotency key could reach the back-end twice. Set on the component before
     * the route's endpoint builds its client.
     */
    private void leaveRetriesToTheRoute() {
        String scheme = settings.baseUrl().substring(0, settings.baseUrl().indexOf(':'));
        getContext().getComponent(scheme, HttpComponent.class).setAutomaticRetriesDisabled(true);
    }

    private void readResponse(Exchange exchange) throws IOException {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        exchange.getMessage().setBody(new ConnectorResponse(status,
                body == null || body.isBlank() ? null : json.readTree(body)));
    }
}
